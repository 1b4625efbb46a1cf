import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { depthwiseConv1d } from './depthwise-conv1d';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * Direct 'same' depthwise 1-D convolution (TensorFlow's padding rule: total pad
 * max((ceil(T/s)-1)*s + k - T, 0), the smaller half on the left) as the reference.
 */
function reference(x: number[][], w: number[][], k: number, s: number): number[][] {
  const T = x.length;
  const C = x[0].length;
  const out = Math.ceil(T / s);
  const pad = Math.max((out - 1) * s + k - T, 0);
  const left = Math.floor(pad / 2);
  const y: number[][] = [];
  for (let t = 0; t < out; t++) {
    const row = new Array(C).fill(0);
    for (let c = 0; c < C; c++) {
      for (let j = 0; j < k; j++) {
        const i = t * s + j - left;
        if (i >= 0 && i < T) row[c] += x[i][c] * w[j][c];
      }
    }
    y.push(row);
  }
  return y;
}

describe('depthwiseConv1d (reshape + depthwiseConv2d)', () => {
  for (const [T, k, s] of [
    [11, 3, 1],
    [11, 5, 2],
    [12, 5, 2],
    [9, 7, 1],
  ] as const) {
    it(`matches a direct convolution: length ${T}, kernel ${k}, stride ${s}`, () => {
      const C = 3;
      const input = tf.input({ shape: [T, C] });
      const out = depthwiseConv1d(input, { name: 'dw', kernelSize: k, strides: s });
      const model = tf.model({ inputs: input, outputs: out });
      expect(out.shape).toEqual([null, Math.ceil(T / s), C]);
      const kernel = model.getLayer('dw').getWeights()[0];
      expect(kernel.shape).toEqual([k, 1, C, 1]);
      const w = (kernel.reshape([k, C]).arraySync() as number[][]);
      const x = Array.from({ length: T }, (_, t) => Array.from({ length: C }, (_, c) => Math.sin(0.7 * t + c) + 0.1 * c));
      const y = tf.tidy(() => (model.predict(tf.tensor3d([x])) as tf.Tensor).arraySync() as number[][][]);
      const expected = reference(x, w, k, s);
      y[0].forEach((row, t) => row.forEach((v, c) => expect(v).toBeCloseTo(expected[t][c], 5)));
      model.dispose();
    });
  }
});
