/**
 * Where the cross-attention looks: for a few test examples of a finished run with fusion, the
 * attention each ECG token gives the two patient tokens (age, sex), averaged over heads and
 * ECG tokens (queries), read from the run's best model.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@efficientecg/datasets';
import { AGE_BIN_LABELS, attentionWeightsOf, BEST_MODEL_DIR, EFFICIENTECG_INPUTS, initBackend, loadModelFromDir, logicalInputName, SEX_LABELS } from '@efficientecg/models';
import { prepareExperimentData } from '@efficientecg/experiments/src/train';
import type { RunFolder } from './runs';

export interface PatientAttention {
  id: string;
  group: string;
  /** Decoded model inputs ("60-69", "F"). */
  ageBin: string;
  sex: string;
  /** Mean attention on the age and the sex token; they sum to 1 (0 for a masked, unknown token). */
  age: number;
  sexWeight: number;
}

/** Attention over [age, sex] for `count` test examples spread over the test split. */
export async function patientAttention(run: RunFolder, dataRoot: string, count: number): Promise<PatientAttention[]> {
  const config = run.config as RunFolder['config'] & { inputNames: string[] };
  if (!config.model.fusion) throw new Error(`${run.dir}: the model has no fusion branch`);
  if (!existsSync(join(run.dir, BEST_MODEL_DIR, 'model.json'))) {
    throw new Error(`${run.dir} has no ${BEST_MODEL_DIR}/ (an archived run keeps its weights only when archived with --with-model): train it with \`npx ecg train --experiment ${run.experiment} --variant ${run.variant} --seed ${run.seed}\``);
  }
  const data = prepareExperimentData(config, dataRoot, () => {}, { only: 'test' });
  const test = data.test.forModel(config.inputNames);
  const step = Math.max(1, Math.floor(test.size / count));
  const picked = Array.from({ length: Math.min(count, test.size) }, (_, i) => i * step);
  // when every run was read from disk nothing has started a backend in this kernel yet
  await initBackend();
  const model = await loadModelFromDir(join(run.dir, BEST_MODEL_DIR));
  const batch = test.batch(picked, { training: false, rng: createRng(0) });
  try {
    const weights = attentionWeightsOf(model, batch.inputs);
    const [, , , keys] = weights.shape;
    if (keys !== 2) throw new Error(`expected ECG tokens to query 2 patient tokens (queryFrom 'ecg'), got ${keys} keys`);
    const perExample = tf.tidy(() => weights.mean([1, 2]).arraySync() as number[][]);
    weights.dispose();
    const inputIndex = (logical: string) => config.inputNames.findIndex((n) => logicalInputName(n) === logical);
    const ages = batch.inputs[inputIndex(EFFICIENTECG_INPUTS.age)].dataSync();
    const sexes = batch.inputs[inputIndex(EFFICIENTECG_INPUTS.sex)].dataSync();
    return picked.map((e, i) => ({
      id: test.ids[e],
      group: test.groups[e],
      ageBin: AGE_BIN_LABELS[ages[i]] ?? String(ages[i]),
      sex: SEX_LABELS[sexes[i]] ?? String(sexes[i]),
      age: perExample[i][0],
      sexWeight: perExample[i][1],
    }));
  } finally {
    tf.dispose([...batch.inputs, batch.targets]);
    model.dispose();
  }
}
