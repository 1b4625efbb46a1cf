import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArrayExampleSource } from './array-source';
import { batchNormLayers, recalibrateBatchNorm } from './batch-norm';
import { shuffledEpochOrder } from './sampling';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// 40 examples of 16 steps x 2 channels with channel means 3 and -1 (unit-test data for the BN arithmetic)
function source(): ArrayExampleSource {
  const n = 40;
  const data = new Float32Array(n * 16 * 2);
  for (let i = 0; i < n * 16; i++) {
    data[2 * i] = 3 + Math.sin(i * 0.7);
    data[2 * i + 1] = -1 + 2 * Math.cos(i * 1.3);
  }
  return new ArrayExampleSource({
    inputs: [{ name: 'x', data, shape: [16, 2] }],
    nClasses: 2,
    labels: Int32Array.from({ length: n }, (_, i) => i % 2),
    groups: Array.from({ length: n }, (_, i) => `g${i}`),
    ids: Array.from({ length: n }, (_, i) => `e${i}`),
  });
}

function model(): tf.LayersModel {
  const input = tf.input({ shape: [16, 2] });
  const conv = tf.layers.conv1d({ filters: 3, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }), name: 'conv' }).apply(input) as tf.SymbolicTensor;
  const bn = tf.layers.batchNormalization({ name: 'bn' }).apply(conv) as tf.SymbolicTensor;
  const inner = tf.model({ inputs: input, outputs: bn, name: 'inner' });
  const outer = tf.input({ shape: [16, 2] });
  const y = tf.layers.dense({ units: 2, activation: 'softmax', name: 'head' }).apply(tf.layers.globalAveragePooling1d({}).apply(inner.apply(outer) as tf.SymbolicTensor)) as tf.SymbolicTensor;
  return tf.model({ inputs: outer, outputs: y });
}

describe('recalibrateBatchNorm (precise BN)', () => {
  it('finds BN layers inside nested models', () => {
    expect(batchNormLayers(model()).map((l) => l.name)).toEqual(['bn']);
  });

  it('sets the moving statistics to the mean of the batch statistics of the current weights, and restores the momentum', () => {
    const m = model();
    const src = source();
    const bn = batchNormLayers(m)[0];
    // before: the initial moving statistics (mean 0, variance 1), far from the data's
    expect(Array.from(bn.getWeights()[2].dataSync())).toEqual([0, 0, 0]);
    const used = recalibrateBatchNorm(m, src, { batches: 4, batchSize: 8, seed: 0, epoch: 0 });
    expect(used).toBe(32);
    expect(bn.momentum).toBe(0.99);

    // expected: the average over the same 4 batches of the conv output's per-channel mean and variance
    const conv = tf.model({ inputs: (m.layers[1] as tf.LayersModel).inputs, outputs: (m.layers[1] as tf.LayersModel).getLayer('conv').output as tf.SymbolicTensor });
    const order = shuffledEpochOrder(src.size, 0 ^ 0x2545f491, 0);
    const means: Float32Array[] = [];
    const vars: Float32Array[] = [];
    for (let k = 0; k < 4; k++) {
      const b = src.batch(order.slice(k * 8, (k + 1) * 8), { training: true, rng: Math.random });
      const { mean, variance } = tf.moments(conv.predict(b.inputs[0]) as tf.Tensor, [0, 1]);
      means.push(mean.dataSync() as Float32Array);
      vars.push(variance.dataSync() as Float32Array);
    }
    const avg = (rows: Float32Array[], c: number) => rows.reduce((s, r) => s + r[c], 0) / rows.length;
    const w = bn.getWeights();
    for (let c = 0; c < 3; c++) {
      expect(w[2].dataSync()[c]).toBeCloseTo(avg(means, c), 4);
      expect(w[3].dataSync()[c]).toBeCloseTo(avg(vars, c), 4);
    }
    // and inference now normalizes the data to roughly zero mean, unit variance
    const x = src.batch(order.slice(0, 32), { training: false, rng: Math.random }).inputs[0];
    const out = (m.layers[1] as tf.LayersModel).predict(x) as tf.Tensor;
    const { mean, variance } = tf.moments(out, [0, 1]);
    for (const v of mean.dataSync()) expect(Math.abs(v)).toBeLessThan(0.1);
    for (const v of variance.dataSync()) expect(v).toBeGreaterThan(0.8);
  });

  it('does nothing for a model without BN or with 0 batches', () => {
    const input = tf.input({ shape: [16, 2] });
    const plain = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2 }).apply(input) as tf.SymbolicTensor });
    expect(recalibrateBatchNorm(plain, source(), { batches: 4, batchSize: 8, seed: 0, epoch: 0 })).toBe(0);
    expect(recalibrateBatchNorm(model(), source(), { batches: 0, batchSize: 8, seed: 0, epoch: 0 })).toBe(0);
  });
});
