import * as tf from '@tensorflow/tfjs';
import { createRng } from '@efficientecg/datasets';
import { accuracy, macroF1 } from '../metrics/classification';
import { argmaxRows, confusionMatrix, type ConfusionMatrix } from '../metrics/confusion';
import { multiLabelScores } from '../metrics/multilabel';
import type { ExampleSource } from './example-source';
import type { ProbabilityModel } from './model-ensemble';
import { batchesOf } from './sampling';

export type TaskKind = 'single-label' | 'multi-label';

/** Inference-mode probabilities of one batch's inputs, row-major (e.g. ParallelTrainer.predictor(): on worker threads). */
export type BatchPredictor = (inputs: tf.Tensor[]) => Promise<Float32Array>;

/** `model.predict` in this thread, as a BatchPredictor (predictSource's default). */
export const predictInThread =
  (model: ProbabilityModel): BatchPredictor =>
  async (inputs) => {
    const probs = tf.tidy(() => model.predict(inputs.length === 1 ? inputs[0] : inputs) as tf.Tensor);
    try {
      return (await probs.data()) as Float32Array;
    } finally {
      probs.dispose();
    }
  };

/** Probabilities of every example of a source, row-major [size x nClasses]; `predictBatch` (default: `model.predict` here) computes each batch's. */
export async function predictSource(model: ProbabilityModel, source: ExampleSource, batchSize: number, predictBatch: BatchPredictor = predictInThread(model)): Promise<Float32Array> {
  const out = new Float32Array(source.size * source.nClasses);
  const rng = createRng(0); // evaluation draws nothing at random; the source API wants an rng
  let offset = 0;
  for (const idx of batchesOf(Array.from({ length: source.size }, (_, i) => i), batchSize)) {
    const batch = source.batch(idx, { training: false, rng });
    try {
      const probs = await predictBatch(batch.inputs);
      if (probs.length !== idx.length * source.nClasses) throw new RangeError(`predictSource: a batch of ${idx.length} gave ${probs.length} probabilities, expected ${idx.length * source.nClasses} (${source.nClasses} classes)`);
      out.set(probs, offset);
    } finally {
      tf.dispose([...batch.inputs, batch.targets]);
    }
    offset += idx.length * source.nClasses;
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

/** Mean of the window probabilities of each group (record): one row per group, in first-seen order. */
export function meanProbabilitiesByGroup(probs: Float32Array, groups: readonly string[], k: number): { groups: string[]; probs: Float32Array } {
  const order: string[] = [];
  const sums = new Map<string, { sum: Float64Array; n: number }>();
  groups.forEach((g, i) => {
    if (!sums.has(g)) {
      sums.set(g, { sum: new Float64Array(k), n: 0 });
      order.push(g);
    }
    const s = sums.get(g)!;
    for (let j = 0; j < k; j++) s.sum[j] += probs[i * k + j];
    s.n++;
  });
  const out = new Float32Array(order.length * k);
  order.forEach((g, r) => {
    const s = sums.get(g)!;
    for (let j = 0; j < k; j++) out[r * k + j] = s.sum[j] / s.n;
  });
  return { groups: order, probs: out };
}

export interface EvaluationSummary {
  loss: number;
  accuracy: number | null;
  macroF1: number;
  score: number;
  confusion: ConfusionMatrix | null;
  probs: Float32Array;
}

/**
 * Evaluate a model on a source: loss (unweighted), accuracy, macro-F1 and the task score.
 * `perGroup` (single-label): the windows of each group (record) are averaged into one
 * prediction first, as a record classifier is tested, so the score picks the epoch that is best
 * per record rather than per window.
 */
export async function evaluateSource(
  model: tf.LayersModel,
  source: ExampleSource,
  options: { task: TaskKind; batchSize: number; score?: (confusion: ConfusionMatrix) => number; perGroup?: boolean; predictBatch?: BatchPredictor },
): Promise<EvaluationSummary> {
  const windowProbs = await predictSource(model, source, options.batchSize, options.predictBatch);
  const k = source.nClasses;
  if (options.task === 'multi-label') {
    const targets = source.multiHot!;
    const s = multiLabelScores(targets, windowProbs, k);
    const loss = tf.tidy(() => lossFromProbabilities(tf.tensor2d(windowProbs, [source.size, k]), tf.tensor2d(targets, [source.size, k]), 'multi-label', null).dataSync()[0]);
    return { loss, accuracy: null, macroF1: s.macroF1, score: s.macroAuc ?? 0, confusion: null, probs: windowProbs };
  }
  let probs = windowProbs;
  let labels: ArrayLike<number> = source.labels!;
  if (options.perGroup) {
    const agg = meanProbabilitiesByGroup(windowProbs, source.groups, k);
    const labelOf = new Map<string, number>();
    source.groups.forEach((g, i) => {
      const known = labelOf.get(g);
      if (known !== undefined && known !== source.labels![i]) throw new RangeError(`evaluateSource: group ${g} holds examples of classes ${known} and ${source.labels![i]}; per-group evaluation needs one label per group`);
      labelOf.set(g, source.labels![i]);
    });
    probs = agg.probs;
    labels = Int32Array.from(agg.groups, (g) => labelOf.get(g)!);
  }
  const n = labels.length;
  const m = confusionMatrix(labels, argmaxRows(probs, k), k);
  let ce = 0;
  for (let i = 0; i < n; i++) ce -= Math.log(Math.min(1 - EPS, Math.max(EPS, probs[i * k + labels[i]])));
  const f1 = macroF1(m);
  return { loss: ce / Math.max(1, n), accuracy: accuracy(m), macroF1: f1, score: options.score ? options.score(m) : f1, confusion: m, probs };
}
