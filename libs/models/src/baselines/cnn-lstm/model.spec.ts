import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countMacs, countParameters } from '../../common/count';
import { isModelError } from '../../common/errors';
import { countBaselineMacs } from '../index';
import { saveAndLoad, trainOneStep, weightValues } from '../shared/testing';
import type { CnnLstmConfig } from './config';
import { CNN_LSTM_OH2018 } from './defaults';
import { createCnnLstm } from './model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const TINY: Partial<CnnLstmConfig> = {
  inputLength: 8,
  leads: 1,
  convLayers: [{ filters: 2, kernelSize: 3, poolSize: 2 }],
  lstmUnits: 3,
  denseUnits: [4],
  dropoutRate: 0,
  classes: 2,
};

describe('createCnnLstm', () => {
  it('256 x 2 / 5 classes predicts a softmax per window', () => {
    const model = createCnnLstm({ inputLength: 256, leads: 2, classes: 5, seed: 1 });
    const y = tf.tidy(() => model.predict(tf.randomNormal([2, 256, 2], 0, 1, 'float32', 5)) as tf.Tensor);
    expect(y.shape).toEqual([2, 5]);
    tf.tidy(() => y.sum(1).arraySync() as number[]).forEach((s) => expect(s).toBeCloseTo(1, 5));
    y.dispose();
    model.dispose();
  });

  it('symbolic shapes: 3000 x 1 / 4 classes, 1000 x 12 / 5 sigmoid', () => {
    const long = createCnnLstm({ inputLength: 3000, leads: 1, classes: 4 });
    expect(long.outputShape).toEqual([null, 4]);
    expect(long.getLayer('conv3_pool').outputShape).toEqual([null, 375, 64]); // 3000 / 2^3 LSTM steps
    const twelve = createCnnLstm({ inputLength: 1000, leads: 12, classes: 5, classifierActivation: 'sigmoid' });
    expect(twelve.outputShape).toEqual([null, 5]);
    expect((twelve.getLayer('predictions').getConfig() as { activation: string }).activation).toBe('sigmoid');
    [long, twelve].forEach((m) => m.dispose());
  });

  it("reproduces Oh et al. 2018's layer shapes with CNN_LSTM_OH2018", () => {
    const model = createCnnLstm({ ...CNN_LSTM_OH2018, leads: 1, classes: 5 });
    expect(model.layers.map((l) => [l.name, l.outputShape])).toEqual([
      ['input', [null, 1000, 1]],
      ['conv1', [null, 981, 3]],
      ['conv1_pool', [null, 490, 3]],
      ['conv2', [null, 481, 6]],
      ['conv2_pool', [null, 240, 6]],
      ['conv3', [null, 236, 6]],
      ['conv3_pool', [null, 118, 6]],
      ['lstm', [null, 20]],
      ['dense1', [null, 20]],
      ['dense2', [null, 10]],
      ['predictions', [null, 5]],
    ]);
    // 63 + 186 + 186 (convs) + 4*20*(6+20)+80 = 2160 (LSTM) + 420 + 210 + 55 (dense)
    expect(countParameters(model).total).toBe(3280);
    model.dispose();
  });

  it('parameters and MACs of a one-stage net match a hand count', () => {
    // Parameters: conv1 3*1*2 + 2 = 8; lstm: kernel 2*12 + recurrent 3*12 + bias 12 = 72 (4 gates x 3 units);
    //   dense1 3*4 + 4 = 16; predictions 4*2 + 2 = 10 -> 106, all trainable
    // MACs: conv1 8 positions * 3*1*2 = 48; pool 8 -> 4 LSTM steps: 4 * 4*3*(2 + 3) = 240;
    //   dense 3*4 + 4*2 = 20; countMacs lists the LSTM as uncounted, countBaselineMacs adds it: 308
    const model = createCnnLstm(TINY);
    expect(countParameters(model)).toEqual({ trainable: 106, nonTrainable: 0, total: 106 });
    expect(countMacs(model)).toEqual({ conv: 48, depthwise: 0, dense: 20, total: 68, uncounted: ['lstm'] });
    expect(countBaselineMacs(model)).toEqual({
      conv: 48, depthwise: 0, dense: 20, recurrent: 240, attention: 0, total: 308, uncounted: [],
    });
    model.dispose();
  });

  it('names layers deterministically and seeds reproduce weights', () => {
    const a = createCnnLstm({ inputLength: 64, leads: 2, seed: 9 });
    const b = createCnnLstm({ inputLength: 64, leads: 2, seed: 9 });
    const c = createCnnLstm({ inputLength: 64, leads: 2, seed: 10 });
    expect(a.layers.map((l) => l.name)).toEqual([
      'input', 'conv1', 'conv1_pool', 'conv2', 'conv2_pool', 'conv3', 'conv3_pool',
      'lstm', 'lstm_dropout', 'dense1', 'dense1_dropout', 'predictions',
    ]);
    expect(b.layers.map((l) => l.name)).toEqual(a.layers.map((l) => l.name));
    expect(weightValues(b)).toEqual(weightValues(a));
    expect(weightValues(c)).not.toEqual(weightValues(a));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('survives save/load (seeded orthogonal recurrent initialiser in the config) with identical outputs', async () => {
    const model = createCnnLstm({ ...TINY, inputLength: 32, seed: 6 });
    const x = tf.randomNormal([4, 32, 1], 0, 1, 'float32', 17);
    await trainOneStep(model, x, 2);
    const loaded = await saveAndLoad(model);
    expect(weightValues(loaded)).toEqual(weightValues(model));
    const before = model.predict(x) as tf.Tensor;
    const after = loaded.predict(x) as tf.Tensor;
    expect(Array.from(after.dataSync())).toEqual(Array.from(before.dataSync()));
    tf.dispose([x, before, after]);
    model.dispose();
    loaded.dispose();
  });

  it('rejects impossible settings with BAD_CONFIG naming the field', () => {
    const bad: [Partial<CnnLstmConfig>, string][] = [
      [{ lstmUnits: 0 }, 'lstmUnits'],
      [{ convLayers: [{ filters: 2, kernelSize: 0, poolSize: 2 }] }, 'convLayers[0].kernelSize'],
      [{ convPadding: 'valid', convLayers: [{ filters: 2, kernelSize: 9, poolSize: 1 }] }, 'convLayers[0]'],
      [{ denseUnits: [4, -1] }, 'denseUnits[1]'],
    ];
    for (const [settings, field] of bad) {
      let caught: unknown;
      try {
        createCnnLstm({ ...TINY, ...settings }).dispose();
      } catch (e) {
        caught = e;
      }
      expect(isModelError(caught, 'BAD_CONFIG')).toBe(true);
      expect(String((caught as Error).message)).toContain(`CnnLstmConfig.${field}`);
    }
  });
});
