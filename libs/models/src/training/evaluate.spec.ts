import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ArrayExampleSource } from './array-source';
import { evaluateSource, meanProbabilitiesByGroup } from './evaluate';

// A model that returns its input's softmax: feeding log-probabilities gives the probabilities back.
function passThrough(): tf.LayersModel {
  const input = tf.input({ shape: [2], name: 'x' });
  const out = tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: 'identity', biasInitializer: 'zeros' }).apply(input) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

// record r1 (class 0): windows right then wrong, right on average; r2 (class 1): right then
// wrong, wrong on average; r3 (class 1): one window, right
const windowProbs = [
  [0.9, 0.1],
  [0.4, 0.6],
  [0.45, 0.55],
  [0.6, 0.4],
  [0.2, 0.8],
];
const groups = ['r1', 'r1', 'r2', 'r2', 'r3'];

function source(labels: number[]): ArrayExampleSource {
  return new ArrayExampleSource({
    inputs: [{ name: 'x', data: Float32Array.from(windowProbs.flat().map(Math.log)), shape: [2] }],
    nClasses: 2,
    labels: Int32Array.from(labels),
    groups,
    ids: groups.map((g, i) => `${g}#${i}`),
  });
}

describe('meanProbabilitiesByGroup', () => {
  it('averages the rows of each group, groups in first-seen order', () => {
    const agg = meanProbabilitiesByGroup(Float32Array.from(windowProbs.flat()), groups, 2);
    expect(agg.groups).toEqual(['r1', 'r2', 'r3']);
    expect(Array.from(agg.probs)).toEqual([0.65, 0.35, 0.525, 0.475, 0.2, 0.8].map((v) => expect.closeTo(v, 6)));
  });
});

describe('evaluateSource', () => {
  const model = passThrough();
  it('per window by default: 3 of 5 windows right', async () => {
    const s = await evaluateSource(model, source([0, 0, 1, 1, 1]), { task: 'single-label', batchSize: 2 });
    expect(s.accuracy).toBeCloseTo(3 / 5, 6);
    expect(s.confusion).toEqual([
      [1, 1],
      [1, 2],
    ]);
  });
  it('perGroup: the mean of the windows of each record is the prediction, as the test split is scored', async () => {
    const s = await evaluateSource(model, source([0, 0, 1, 1, 1]), { task: 'single-label', batchSize: 2, perGroup: true });
    expect(s.accuracy).toBeCloseTo(2 / 3, 6);
    expect(s.confusion).toEqual([
      [1, 0],
      [1, 1],
    ]);
    expect(s.loss).toBeCloseTo(-(Math.log(0.65) + Math.log(0.475) + Math.log(0.8)) / 3, 5);
    expect(s.probs.length).toBe(3 * 2);
  });
  it('perGroup refuses a group whose windows carry different labels', async () => {
    await expect(evaluateSource(model, source([0, 1, 1, 1, 1]), { task: 'single-label', batchSize: 2, perGroup: true })).rejects.toThrow(/group r1 holds examples of classes 0 and 1/);
  });
});
