import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countMacs, countParameters } from './count';
import { isModelError } from './errors';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('countMacs / countParameters on a hand-made model', () => {
  it('counts conv1d, conv2d, depthwise and dense; lists other weighted layers', () => {
    const input = tf.input({ shape: [10, 3] });
    // conv1d k5 s1 'valid': 6 positions * 5 * 3 * 4 = 360 MACs, 60 + 4 params
    let x = tf.layers.conv1d({ filters: 4, kernelSize: 5, name: 'c1' }).apply(input) as tf.SymbolicTensor;
    // dense applied per time step: 6 * 4 * 2 = 48 MACs, 8 + 2 params
    x = tf.layers.dense({ units: 2, name: 'd1' }).apply(x) as tf.SymbolicTensor;
    // lstm: weights but not counted -> listed; 4 * (2 * 3 + 3 * 3 + 3) = 72 params
    x = tf.layers.lstm({ units: 3, name: 'rnn' }).apply(x) as tf.SymbolicTensor;
    const reshaped = tf.layers.reshape({ targetShape: [3, 1, 1] }).apply(x) as tf.SymbolicTensor;
    // depthwise 3x1 'same' on [3,1,1]: 3 positions * 3 * 1 * 1 * 2 = 18 MACs, 6 params (no bias)
    const dw = tf.layers
      .depthwiseConv2d({ kernelSize: [3, 1], depthMultiplier: 2, padding: 'same', useBias: false, name: 'dw' })
      .apply(reshaped) as tf.SymbolicTensor;
    // conv2d 1x1: 3 positions * 1 * 2 * 5 = 30 MACs, 10 + 5 params
    const out = tf.layers.conv2d({ filters: 5, kernelSize: 1, name: 'c2' }).apply(dw) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    expect(countMacs(model)).toEqual({ conv: 360 + 30, depthwise: 18, dense: 48, total: 456, uncounted: ['rnn'] });
    expect(countParameters(model)).toEqual({ trainable: 64 + 10 + 72 + 6 + 15, nonTrainable: 0, total: 167 });
    model.dispose();
  });

  it('frozen layers count as non-trainable', () => {
    const input = tf.input({ shape: [4] });
    const frozen = tf.layers.dense({ units: 3, trainable: false });
    const out = tf.layers.dense({ units: 1 }).apply(frozen.apply(input)) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    expect(countParameters(model)).toEqual({ trainable: 4, nonTrainable: 15, total: 19 });
    model.dispose();
  });

  it('throws UNKNOWN_SHAPE for a model whose length is not fixed', () => {
    const input = tf.input({ shape: [null, 2] });
    const out = tf.layers.conv1d({ filters: 2, kernelSize: 3, name: 'free_len' }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    let caught: unknown;
    try {
      countMacs(model);
    } catch (e) {
      caught = e;
    }
    expect(isModelError(caught, 'UNKNOWN_SHAPE')).toBe(true);
    expect((caught as Error).message).toContain('free_len');
    model.dispose();
  });
});
