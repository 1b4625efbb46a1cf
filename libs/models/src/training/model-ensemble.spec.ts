import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ArrayExampleSource } from './array-source';
import { predictSource } from './evaluate';
import { averagedModels } from './model-ensemble';

// softmax(x W): a fixed W per member, so each member's probabilities are known in closed form
function member(w: number[][], inputWidth = 2): tf.LayersModel {
  const input = tf.input({ shape: [inputWidth], name: 'x' });
  const dense = tf.layers.dense({ units: 2, activation: 'softmax', useBias: false, name: 'probs' });
  const model = tf.model({ inputs: input, outputs: dense.apply(input) as tf.SymbolicTensor });
  dense.setWeights([tf.tensor2d(w)]);
  return model;
}

const softmax = (z: number[]) => {
  const e = z.map(Math.exp);
  const s = e[0] + e[1];
  return e.map((v) => v / s);
};

describe('averagedModels (seed and fold ensembles)', () => {
  const wA = [
    [1, 0],
    [0, 1],
  ];
  const wB = [
    [0, 2],
    [1, 0],
  ];
  const x = [
    [0.5, -1],
    [2, 0.3],
    [-0.7, 0.1],
  ];

  it('predicts the mean of the members\' probabilities, row by row, also through predictSource', async () => {
    const a = member(wA);
    const b = member(wB);
    const ens = averagedModels([a, b]);
    const expected = x.map((r) => {
      const pa = softmax([r[0] * wA[0][0] + r[1] * wA[1][0], r[0] * wA[0][1] + r[1] * wA[1][1]]);
      const pb = softmax([r[0] * wB[0][0] + r[1] * wB[1][0], r[0] * wB[0][1] + r[1] * wB[1][1]]);
      return [(pa[0] + pb[0]) / 2, (pa[1] + pb[1]) / 2];
    });
    const out = ens.predict(tf.tensor2d(x)) as tf.Tensor;
    expect(Array.from(await out.data())).toEqual(expected.flat().map((v) => expect.closeTo(v, 5)));
    // the averaged rows differ from either member's: the test can tell a member from the mean
    const onlyA = (await (a.predict(tf.tensor2d(x)) as tf.Tensor).data())[0];
    expect(Math.abs(onlyA - expected[0][0])).toBeGreaterThan(0.05);
    const source = new ArrayExampleSource({ inputs: [{ name: 'x', data: Float32Array.from(x.flat()), shape: [2] }], nClasses: 2, labels: Int32Array.from([0, 1, 0]), groups: ['a', 'b', 'c'], ids: ['a', 'b', 'c'] });
    const viaSource = await predictSource(ens, source, 2);
    expect(Array.from(viaSource)).toEqual(expected.flat().map((v) => expect.closeTo(v, 5)));
    ens.dispose();
    expect(a.layers[1].getWeights.bind(a.layers[1])).toThrow(/disposed/i);
  });

  it('refuses members whose inputs differ, and an empty list', () => {
    expect(() => averagedModels([member(wA), member([[1, 0], [0, 1], [1, 1]], 3)])).toThrow(/member 1 has inputs\/outputs/);
    expect(() => averagedModels([])).toThrow(/no members/);
  });
});
