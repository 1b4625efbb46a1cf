import * as tf from '@tensorflow/tfjs';
import { createRng } from '@efficientecg/datasets';
import type { ExampleSource } from './example-source';
import { epochSeed, shuffledEpochOrder } from './sampling';
import { stepRandomSeed, withSeededMathRandom } from './seeded-random';

type BatchNormLayer = tf.layers.Layer & { momentum: number; movingMean: tf.LayerVariable; movingVariance: tf.LayerVariable };

/** The BatchNormalization layers of a model, nested models (backbone, encoders) included. */
export function batchNormLayers(model: tf.LayersModel | tf.layers.Layer): BatchNormLayer[] {
  const layers = (model as { layers?: tf.layers.Layer[] }).layers ?? [];
  return layers.flatMap((l) => ((l as { layers?: unknown }).layers ? batchNormLayers(l) : l.getClassName() === 'BatchNormalization' ? [l as BatchNormLayer] : []));
}

export interface BatchNormRecalibration {
  /** Training batches to average over. */
  batches: number;
  batchSize: number;
  seed: number;
  /** Picks a fresh seeded draw of examples per epoch. */
  epoch: number;
}

/** One batch of a recalibration: its inputs and the seed of its dropout masks. */
export interface StatisticsBatch {
  inputs: tf.Tensor[];
  randomSeed: number;
}

/**
 * Computes the batch statistics (batchStatistics' layout) of up to `workers` batches at once,
 * e.g. one per data-parallel worker; `loadWeights` is true for the first group of a pass.
 */
export interface BatchStatisticsProvider {
  workers: number;
  statistics(batches: readonly StatisticsBatch[], loadWeights: boolean): Promise<Float32Array[]>;
}

/** The k-th batch (1-based) of a recalibration and its seed, drawn in the order the examples must be read. */
interface RecalibrationBatch {
  k: number;
  batch: ReturnType<ExampleSource['batch']>;
  randomSeed: number;
}

/** The next (up to) n items of an iterator. */
function take<T>(items: Iterator<T>, n: number): T[] {
  const out: T[] = [];
  while (out.length < n) {
    const next = items.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

function* recalibrationBatches(source: ExampleSource, o: BatchNormRecalibration): Generator<RecalibrationBatch> {
  const order = shuffledEpochOrder(source.size, o.seed ^ 0x2545f491, o.epoch);
  const rng = createRng(epochSeed(o.seed ^ 0x2545f491, o.epoch));
  for (let k = 1; k <= o.batches; k++) {
    const indices = order.slice((k - 1) * o.batchSize, k * o.batchSize);
    if (indices.length === 0) return;
    yield { k, batch: source.batch(indices, { training: true, rng }), randomSeed: stepRandomSeed(o.seed ^ 0x2545f491, o.epoch, k) };
  }
}

/**
 * "Precise BN" (Wu & Johnson 2021, Rethinking "Batch" in BatchNorm): set every BN layer's
 * moving mean and variance to the average statistics of `batches` training batches under
 * the current weights. The exponential moving average kept during training mixes
 * statistics of weights from ~100 steps back; with Adam at 1e-3 on ECG windows it went so
 * stale that inference-mode outputs collapsed to one class while training-mode outputs were
 * right (MIT-BIH DS2 beats: 0.14 accuracy with the moving statistics, 0.91 after this).
 * Forward passes only (no gradient step); returns the number of examples used.
 */
export function recalibrateBatchNorm(model: tf.LayersModel, source: ExampleSource, o: BatchNormRecalibration): number {
  const layers = batchNormLayers(model);
  if (layers.length === 0 || o.batches <= 0 || source.size === 0) return 0;
  const saved = layers.map((l) => l.momentum);
  let used = 0;
  try {
    for (const { k, batch, randomSeed } of recalibrationBatches(source, o)) {
      // momentum 1 - 1/k turns the moving average into the plain mean of the k batches seen so far
      for (const l of layers) l.momentum = 1 - 1 / k;
      // training mode draws dropout masks too: seeded, so the statistics repeat with the run
      withSeededMathRandom(randomSeed, () =>
        tf.tidy(() => {
          model.apply(batch.inputs.length === 1 ? batch.inputs[0] : batch.inputs, { training: true });
        }),
      );
      used += batch.targets.shape[0];
      tf.dispose([...batch.inputs, batch.targets]);
    }
  } finally {
    layers.forEach((l, i) => (l.momentum = saved[i]));
  }
  return used;
}

/**
 * recalibrateBatchNorm with the forward passes computed elsewhere (data-parallel workers, several
 * batches at once), bit for bit the same result: each batch's statistics come back exactly
 * (batchStatistics), and this thread then applies them in batch order with the very tensor ops
 * tf.layers.BatchNormalization uses for its moving-average update (same kernels, same operands).
 * The forward passes are independent of each other: in training mode a BN layer normalises with
 * the batch's own statistics, never with the moving ones.
 */
export async function recalibrateBatchNormWith(model: tf.LayersModel, source: ExampleSource, o: BatchNormRecalibration, provider: BatchStatisticsProvider): Promise<number> {
  const layers = batchNormLayers(model);
  if (layers.length === 0 || o.batches <= 0 || source.size === 0) return 0;
  if (!Number.isInteger(provider.workers) || provider.workers < 1) throw new RangeError(`recalibrateBatchNormWith: provider.workers must be an integer >= 1, got ${provider.workers}`);
  const width = batchStatisticsLength(layers);
  let used = 0;
  const pending = recalibrationBatches(source, o);
  // up to one batch per worker at a time; the generator reads them in the same order as the single-thread path
  for (let group = take(pending, provider.workers); group.length > 0; group = take(pending, provider.workers)) {
    try {
      // the weights go to the workers with the first group of the pass
      const stats = await provider.statistics(
        group.map((g) => ({ inputs: g.batch.inputs, randomSeed: g.randomSeed })),
        group[0].k === 1,
      );
      group.forEach((g, i) => {
        if (stats[i]?.length !== width) throw new RangeError(`recalibrateBatchNormWith: batch ${g.k} came back with ${stats[i]?.length} statistics, expected ${width}`);
        applyBatchStatistics(layers, stats[i], 1 - 1 / g.k);
        used += g.batch.targets.shape[0];
      });
    } finally {
      group.forEach((g) => tf.dispose([...g.batch.inputs, g.batch.targets]));
    }
  }
  return used;
}

/** Floats of one batch's statistics: mean and variance of every BN channel. */
export const batchStatisticsLength = (layers: readonly BatchNormLayer[]) => layers.reduce((n, l) => n + 2 * l.movingMean.read().size, 0);

/**
 * The statistics one training-mode forward pass of `inputs` feeds into every BN layer's moving
 * averages: per layer (batchNormLayers order), the batch mean, then the variance, concatenated.
 * Captured exactly: with the moving value at 0 and momentum 0 the layer's own update writes
 * 0 - (0 - v) x 1 = v, bit for bit. The model's moving statistics and momenta are restored after.
 */
export function batchStatistics(model: tf.LayersModel, inputs: readonly tf.Tensor[], randomSeed: number): Float32Array {
  const layers = batchNormLayers(model);
  const out = new Float32Array(batchStatisticsLength(layers));
  const saved = layers.map((l) => ({ momentum: l.momentum, mean: l.movingMean.read().clone(), variance: l.movingVariance.read().clone() }));
  try {
    for (const l of layers) {
      l.momentum = 0;
      tf.tidy(() => {
        l.movingMean.write(tf.zerosLike(l.movingMean.read()));
        l.movingVariance.write(tf.zerosLike(l.movingVariance.read()));
      });
    }
    withSeededMathRandom(randomSeed, () =>
      tf.tidy(() => {
        model.apply(inputs.length === 1 ? inputs[0] : [...inputs], { training: true });
      }),
    );
    let off = 0;
    for (const l of layers) {
      for (const v of [l.movingMean, l.movingVariance]) {
        out.set(v.read().dataSync() as Float32Array, off);
        off += v.read().size;
      }
    }
  } finally {
    layers.forEach((l, i) => {
      l.momentum = saved[i].momentum;
      l.movingMean.write(saved[i].mean);
      l.movingVariance.write(saved[i].variance);
    });
    tf.dispose(saved.flatMap((s) => [s.mean, s.variance]));
  }
  return out;
}

/** One batch's step of the moving averages, written as tf.layers.BatchNormalization writes it (doMovingAverage). */
function applyBatchStatistics(layers: readonly BatchNormLayer[], stats: Float32Array, momentum: number): void {
  let off = 0;
  for (const l of layers) {
    for (const v of [l.movingMean, l.movingVariance]) {
      const orig = v.read();
      const n = orig.size;
      const value = stats.subarray(off, off + n);
      off += n;
      tf.tidy(() => {
        const decay = 1 - momentum;
        const updateDelta = tf.mul(tf.sub(orig, tf.tensor(value, orig.shape, 'float32')), decay);
        v.write(tf.sub(orig, updateDelta));
      });
    }
  }
}
