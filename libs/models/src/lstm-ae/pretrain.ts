import * as tf from '@tensorflow/tfjs';
import { ModelError } from '../common';
import { checkSequenceSet, type SequenceSet } from './data';
import { maskedMse } from './masked-loss';
import type { LstmAutoencoder } from './model';

export interface PretrainOptions {
  epochs: number;
  batchSize: number;
  /** Seeds the per-epoch shuffling (weights are seeded by the model's config.seed). */
  seed: number;
  learningRate: number;
  /** Shuffle the sequence order every epoch (default true). */
  shuffle?: boolean;
  onEpochEnd?: (epoch: number, loss: number) => void;
}

export interface PretrainResult {
  /** Per epoch: masked MSE averaged over every present entry seen in that epoch (training mode). */
  history: number[];
}

/**
 * Reconstruction pretraining with a custom training step (Adam, optimizer.minimize on the
 * masked MSE): model.fit cannot pass the mask to the loss without packing it into y_true.
 * The variables updated are the autoencoder's trainable weights at each step, so a frozen
 * encoder (freezeEncoder) trains only the decoder. Given the same model seed, data and options
 * the history is reproducible on one backend (the batch order comes from a seeded generator).
 */
export async function pretrainLstmAutoencoder(ae: LstmAutoencoder, data: SequenceSet, options: PretrainOptions): Promise<PretrainResult> {
  const where = 'pretrainLstmAutoencoder';
  const { seqLen, nFeatures } = ae.config;
  checkSequenceSet(data, seqLen, nFeatures, `${where}(data)`);
  const { epochs, batchSize, learningRate, seed } = options;
  if (!Number.isInteger(epochs) || epochs < 1) throw new ModelError('BAD_CONFIG', `${where}.epochs`, `must be a positive integer, got ${epochs}`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new ModelError('BAD_CONFIG', `${where}.batchSize`, `must be a positive integer, got ${batchSize}`);
  if (!(learningRate > 0)) throw new ModelError('BAD_CONFIG', `${where}.learningRate`, `must be > 0, got ${learningRate}`);

  const optimizer = tf.train.adam(learningRate);
  const random = mulberry32(seed);
  const order = Array.from({ length: data.count }, (_, i) => i);
  const size = seqLen * nFeatures;
  const history: number[] = [];
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      if (options.shuffle ?? true) shuffleInPlace(order, random);
      let weightedLoss = 0;
      let present = 0;
      for (let start = 0; start < data.count; start += batchSize) {
        const rows = order.slice(start, start + batchSize);
        const values = new Float32Array(rows.length * size);
        const mask = new Float32Array(rows.length * size);
        rows.forEach((r, i) => {
          values.set(data.values.subarray(r * size, (r + 1) * size), i * size);
          mask.set(data.mask.subarray(r * size, (r + 1) * size), i * size);
        });
        const count = mask.reduce((n, m) => n + m, 0);
        const x = tf.tensor3d(values, [rows.length, seqLen, nFeatures]);
        const m = tf.tensor3d(mask, [rows.length, seqLen, nFeatures]);
        const vars = ae.autoencoder.trainableWeights.map((w) => w.read() as tf.Variable);
        const loss = optimizer.minimize(() => maskedMse(x, ae.autoencoder.apply([x, m], { training: true }) as tf.Tensor, m), true, vars);
        weightedLoss += (await loss!.data())[0] * count;
        present += count;
        tf.dispose([x, m, loss!]);
      }
      const epochLoss = present > 0 ? weightedLoss / present : 0;
      history.push(epochLoss);
      options.onEpochEnd?.(epoch, epochLoss);
    }
  } finally {
    optimizer.dispose();
  }
  return { history };
}

/** Masked MSE of the autoencoder on a set (inference mode), averaged over present entries. */
export async function evaluateReconstruction(ae: LstmAutoencoder, data: SequenceSet, batchSize = 64): Promise<number> {
  const { seqLen, nFeatures } = ae.config;
  checkSequenceSet(data, seqLen, nFeatures, 'evaluateReconstruction(data)');
  const size = seqLen * nFeatures;
  let weighted = 0;
  let present = 0;
  for (let start = 0; start < data.count; start += batchSize) {
    const n = Math.min(batchSize, data.count - start);
    const mask = data.mask.subarray(start * size, (start + n) * size);
    const count = mask.reduce((a, b) => a + b, 0);
    const loss = tf.tidy(() => {
      const x = tf.tensor3d(data.values.subarray(start * size, (start + n) * size), [n, seqLen, nFeatures]);
      const m = tf.tensor3d(mask, [n, seqLen, nFeatures]);
      return maskedMse(x, ae.autoencoder.predict([x, m]) as tf.Tensor, m);
    });
    weighted += (await loss.data())[0] * count;
    present += count;
    loss.dispose();
  }
  return present > 0 ? weighted / present : 0;
}

/** mulberry32, as in libs/datasets' createRng; kept local so libs/models does not depend on the data readers. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffleInPlace(xs: number[], random: () => number): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
}
