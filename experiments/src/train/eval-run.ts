import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EcgDataError, writeFileAtomic, writeJsonAtomic, type ResolvedDataRoot } from '@efficientecg/datasets';
import { BEST_MODEL_DIR, initBackend, loadModelFromDir } from '@efficientecg/models';
import type { ResolvedRunConfig } from '../config';
import { displayPath } from '../reproduce/display-path';
import { readJson, VALIDATION_PREDICTIONS_FILE } from '../runs/run-folder';
import type { TestMetrics } from './metrics-report';
import { prepareExperimentData } from './prepare-data';
import { evaluateOnTest, validationPredictionsCsv } from './train-run';

/**
 * Re-evaluate a run folder's best model on its test split (the split is rebuilt from
 * the run's own config and seed) and rewrite metrics.json and predictions.csv; with
 * `validation`, also (re)write validation-predictions.csv (runs trained before runs wrote it).
 */
export async function evaluateRunDir(dir: string, o: { dataRoot: ResolvedDataRoot; backend?: string; validation?: boolean; log(m: string): void }): Promise<TestMetrics> {
  const configFile = join(dir, 'config.json');
  const modelDir = join(dir, BEST_MODEL_DIR);
  if (!existsSync(configFile)) throw new EcgDataError('MISSING_FILE', configFile, 'not a run folder (no config.json); runs are written by `npx ecg train`');
  if (!existsSync(join(modelDir, 'model.json'))) throw new EcgDataError('MISSING_FILE', join(modelDir, 'model.json'), 'the run has no best model yet (training did not finish an epoch)');
  const saved = readJson<ResolvedRunConfig & { inputNames: string[] }>(configFile);
  const backend = await initBackend({ backend: o.backend });
  o.log(`backend: ${backend.name}`);
  const data = prepareExperimentData(saved, o.dataRoot.path, o.log, { only: o.validation ? 'evaluation' : 'test' });
  const model = await loadModelFromDir(modelDir);
  const evaluation = await evaluateOnTest(model, saved.inputNames, data, saved);
  const validationCsv = o.validation && data.validation.size > 0 ? await validationPredictionsCsv(model, saved.inputNames, data, saved) : null;
  model.dispose();
  if (validationCsv !== null) writeFileAtomic(join(dir, VALIDATION_PREDICTIONS_FILE), validationCsv);
  const previous = existsSync(join(dir, 'metrics.json')) ? readJson<Record<string, unknown>>(join(dir, 'metrics.json')) : {};
  writeJsonAtomic(join(dir, 'metrics.json'), { ...previous, ...evaluation.metrics, evaluatedAt: new Date().toISOString(), evaluatedOn: displayPath(o.dataRoot.path) });
  writeFileAtomic(join(dir, 'predictions.csv'), evaluation.predictionsCsv);
  return evaluation.metrics;
}
