import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countParameters } from '../count';
import { squeezeExcite1d } from './squeeze-excite';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('squeezeExcite1d', () => {
  it('gates each channel by sigmoid(expand(act(reduce(mean over time))))', () => {
    const input = tf.input({ shape: [4, 3] });
    const out = squeezeExcite1d(input, { prefix: 'se', seFilters: 2, activation: 'relu' });
    const model = tf.model({ inputs: input, outputs: out });
    expect(out.shape).toEqual([null, 4, 3]);
    expect(model.layers.slice(1).map((l) => l.name)).toEqual(['se_squeeze', 'se_reduce', 'se_expand', 'se_reshape', 'se_excite']);
    // 3*2 + 2 + 2*3 + 3
    expect(countParameters(model).total).toBe(17);
    // hand-set weights: reduce = identity-ish, expand bias only -> gate known in closed form
    model.getLayer('se_reduce').setWeights([tf.tensor2d([[1, 0], [0, 1], [0, 0]]), tf.tensor1d([0, 0])]);
    model.getLayer('se_expand').setWeights([tf.tensor2d([[1, 0, 0], [0, 1, 0]]), tf.tensor1d([0, 0, 2])]);
    const x = [[[1, -1, 5], [3, -3, 5], [1, -1, 5], [3, -3, 5]]]; // means: 2, -2, 5
    const y = tf.tidy(() => (model.predict(tf.tensor3d(x)) as tf.Tensor).arraySync() as number[][][]);
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    const gate = [sig(2), sig(0), sig(2)]; // relu(2)=2, relu(-2)=0, bias 2
    y[0].forEach((row, t) => row.forEach((v, c) => expect(v).toBeCloseTo(x[0][t][c] * gate[c], 5)));
    model.dispose();
  });
});
