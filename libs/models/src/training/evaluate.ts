import * as tf from '@tensorflow/tfjs';
import { createRng } from '@efficientecg/datasets';
import { accuracy, macroF1 } from '../metrics/classification';
import { argmaxRows, confusionMatrix, type ConfusionMatrix } from '../metrics/confusion';
import { multiLabelScores } from '../metrics/multilabel';
import type { ExampleSource } from './example-source';
import { batchesOf } from './sampling';

export type TaskKind = 'single-label' | 'multi-label';

/** Probabilities of every example of a source, row-major [size x nClasses]. */
export async function predictSource(model: tf.LayersModel, source: ExampleSource, batchSize: number): Promise<Float32Array> {
  const out = new Float32Array(source.size * source.nClasses);
  const rng = createRng(0); // evaluation draws nothing at random; the source API wants an rng
  let offset = 0;
  for (const idx of batchesOf(Array.from({ length: source.size }, (_, i) => i), batchSize)) {
    const batch = source.batch(idx, { training: false, rng });
    const probs = tf.tidy(() => model.predict(batch.inputs.length === 1 ? batch.inputs[0] : batch.inputs) as tf.Tensor);
    out.set(await probs.data(), offset);
    offset += idx.length * source.nClasses;
    probs.dispose();
    tf.dispose([...batch.inputs, batch.targets]);
  }
  return out;
}

const EPS = 1e-7;

/**
 * Mean loss from probabilities: class-weighted cross-entropy (single-label, Keras
 * class_weight semantics: mean of w[label] x CE) or binary cross-entropy averaged
 * over classes (multi-label).
 */
export function lossFromProbabilities(probs: tf.Tensor, targets: tf.Tensor, task: TaskKind, classWeights: Float32Array | null): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.clipByValue(probs, EPS, 1 - EPS);
    if (task === 'multi-label') {
      return tf.neg(tf.mean(tf.add(tf.mul(targets, tf.log(p)), tf.mul(tf.sub(1, targets), tf.log(tf.sub(1, p)))))) as tf.Scalar;
    }
    const ce = tf.neg(tf.sum(tf.mul(targets, tf.log(p)), -1));
    if (!classWeights) return tf.mean(ce) as tf.Scalar;
    const w = tf.sum(tf.mul(targets, tf.tensor1d(classWeights)), -1);
    return tf.mean(tf.mul(ce, w)) as tf.Scalar;
  });
}

export interface EvaluationSummary {
  loss: number;
  accuracy: number | null;
  macroF1: number;
  score: number;
  confusion: ConfusionMatrix | null;
  probs: Float32Array;
}

/** Evaluate a model on a source: loss (unweighted), accuracy, macro-F1 and the task score. */
export async function evaluateSource(
  model: tf.LayersModel,
  source: ExampleSource,
  options: { task: TaskKind; batchSize: number; score?: (confusion: ConfusionMatrix) => number },
): Promise<EvaluationSummary> {
  const probs = await predictSource(model, source, options.batchSize);
  const k = source.nClasses;
  if (options.task === 'multi-label') {
    const targets = source.multiHot!;
    const s = multiLabelScores(targets, probs, k);
    const loss = tf.tidy(() => lossFromProbabilities(tf.tensor2d(probs, [source.size, k]), tf.tensor2d(targets, [source.size, k]), 'multi-label', null).dataSync()[0]);
    return { loss, accuracy: null, macroF1: s.macroF1, score: s.macroAuc ?? 0, confusion: null, probs };
  }
  const labels = source.labels!;
  const m = confusionMatrix(labels, argmaxRows(probs, k), k);
  let ce = 0;
  for (let i = 0; i < source.size; i++) ce -= Math.log(Math.min(1 - EPS, Math.max(EPS, probs[i * k + labels[i]])));
  const f1 = macroF1(m);
  return { loss: ce / Math.max(1, source.size), accuracy: accuracy(m), macroF1: f1, score: options.score ? options.score(m) : f1, confusion: m, probs };
}
