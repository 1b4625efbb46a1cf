import * as tf from '@tensorflow/tfjs';
import { createRng } from '@efficientecg/datasets';
import type { ExampleSource } from './example-source';
import { epochSeed, shuffledEpochOrder } from './sampling';
import { stepRandomSeed, withSeededMathRandom } from './seeded-random';

type BatchNormLayer = tf.layers.Layer & { momentum: number };

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
  const order = shuffledEpochOrder(source.size, o.seed ^ 0x2545f491, o.epoch);
  const rng = createRng(epochSeed(o.seed ^ 0x2545f491, o.epoch));
  const saved = layers.map((l) => l.momentum);
  let used = 0;
  try {
    for (let k = 1; k <= o.batches; k++) {
      const indices = order.slice((k - 1) * o.batchSize, k * o.batchSize);
      if (indices.length === 0) break;
      // momentum 1 - 1/k turns the moving average into the plain mean of the k batches seen so far
      for (const l of layers) l.momentum = 1 - 1 / k;
      const batch = source.batch(indices, { training: true, rng });
      // training mode draws dropout masks too: seeded, so the statistics repeat with the run
      withSeededMathRandom(stepRandomSeed(o.seed ^ 0x2545f491, o.epoch, k), () =>
        tf.tidy(() => {
          model.apply(batch.inputs.length === 1 ? batch.inputs[0] : batch.inputs, { training: true });
        }),
      );
      tf.dispose([...batch.inputs, batch.targets]);
      used += indices.length;
    }
  } finally {
    layers.forEach((l, i) => (l.momentum = saved[i]));
  }
  return used;
}
