import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countMacs, countParameters } from '../../common/count';
import { isModelError } from '../../common/errors';
import { saveAndLoad, trainOneStep, weightValues } from '../shared/testing';
import type { HannunResNet34Config } from './config';
import { createHannunResNet34 } from './model';

// 'cpu' backend: predict on 1-2 short windows, long inputs through symbolic shapes only
beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Two blocks: block0 4 -> 4 filters stride 1, block1 4 -> 8 filters stride 2 (max-pool + zero-pad shortcut). */
const TINY: Partial<HannunResNet34Config> = {
  inputLength: 16,
  leads: 2,
  blocks: 2,
  filterLength: 3,
  startFilters: 4,
  increaseFiltersEvery: 1,
  subsampleEvery: 2,
  classes: 3,
};

describe('createHannunResNet34', () => {
  it('256 x 2 / 5 classes predicts a softmax per window', () => {
    const model = createHannunResNet34({ inputLength: 256, leads: 2, classes: 5, seed: 1 });
    const y = tf.tidy(() => model.predict(tf.randomNormal([2, 256, 2], 0, 1, 'float32', 5)) as tf.Tensor);
    expect(y.shape).toEqual([2, 5]);
    tf.tidy(() => y.sum(1).arraySync() as number[]).forEach((s) => expect(s).toBeCloseTo(1, 5));
    y.dispose();
    model.dispose();
  });

  it('symbolic shapes: 3000 x 1 / 4 classes, 1000 x 12 / 5 sigmoid, per-window output', () => {
    const long = createHannunResNet34({ inputLength: 3000, leads: 1, classes: 4 });
    expect(long.outputShape).toEqual([null, 4]);
    // 8 stride-2 blocks with 'same' padding: ceil(3000 / 256) = 12 steps of 256 channels
    expect(long.getLayer('top_relu').outputShape).toEqual([null, 12, 256]);
    const twelve = createHannunResNet34({ inputLength: 1000, leads: 12, classes: 5, classifierActivation: 'sigmoid' });
    expect(twelve.outputShape).toEqual([null, 5]);
    expect((twelve.getLayer('predictions').getConfig() as { activation: string }).activation).toBe('sigmoid');
    const seq = createHannunResNet34({ inputLength: 256 * 30, leads: 1, classes: 12, sequenceOutput: true });
    expect(seq.outputShape).toEqual([null, 30, 12]); // one label per 256 samples, as the original
    [long, twelve, seq].forEach((m) => m.dispose());
  });

  it('has the published layout: 33 convs (16 blocks x 2 + stem), filters 32-256, 8 halvings', () => {
    const model = createHannunResNet34({ inputLength: 512, leads: 1 });
    const convs = model.layers.filter((l) => l.getClassName() === 'Conv1D');
    expect(convs).toHaveLength(33);
    const filters = convs.map((l) => (l.getConfig() as { filters: number }).filters);
    expect(filters[0]).toBe(32);
    for (let i = 0; i < 16; i++) {
      const k = 32 * 2 ** Math.floor(i / 4);
      expect([filters[1 + 2 * i], filters[2 + 2 * i]]).toEqual([k, k]);
    }
    expect(convs.every((l) => (l.getConfig() as { kernelSize: number[] }).kernelSize[0] === 16)).toBe(true);
    expect(model.layers.filter((l) => l.getClassName() === 'ZeroPadChannels1d').map((l) => l.name)).toEqual([
      'block4_shortcut_pad',
      'block8_shortcut_pad',
      'block12_shortcut_pad',
    ]);
    expect(model.getLayer('block15_add').outputShape).toEqual([null, 2, 256]); // 512 / 2^8
    // published network (1 lead, 12 rhythm classes, per-window output): ~10.5 M parameters
    const published = createHannunResNet34({ inputLength: 256, leads: 1, classes: 12, sequenceOutput: true });
    expect(countParameters(published)).toEqual({ trainable: 10_468_204, nonTrainable: 7_744, total: 10_475_948 });
    model.dispose();
    published.dispose();
  });

  it('parameters and MACs of a two-block net match a hand count', () => {
    // Parameters (conv = k * Cin * Cout + bias; BN = gamma, beta trained + mean, variance not):
    //   stem_conv     3*2*4 + 4   =  28     stem_bn      8 (+8 nt)
    //   block0_conv1  3*4*4 + 4   =  52     block0_bn2   8 (+8 nt)   (no bn1 in block 0)
    //   block0_conv2  3*4*4 + 4   =  52
    //   block1_bn1    8 (+8 nt)             block1_conv1 3*4*8 + 8 = 104
    //   block1_bn2   16 (+16 nt)            block1_conv2 3*8*8 + 8 = 200
    //   top_bn       16 (+16 nt)            predictions  8*3 + 3   =  27
    //   trainable 519, non-trainable 56, total 575 (pool and zero-pad shortcut have none)
    // MACs (positions * k * Cin * Cout): stem 16*3*2*4 = 384, block0 2 x 16*3*4*4 = 1536,
    //   block1 (length 8) 8*3*4*8 = 768 + 8*3*8*8 = 1536 -> conv 4224; dense 8*3 = 24; total 4248
    const model = createHannunResNet34(TINY);
    expect(countParameters(model)).toEqual({ trainable: 519, nonTrainable: 56, total: 575 });
    expect(countMacs(model)).toEqual({ conv: 4224, depthwise: 0, dense: 24, total: 4248, uncounted: [] });
    model.dispose();
  });

  it('names layers deterministically and seeds reproduce weights', () => {
    const a = createHannunResNet34({ ...TINY, seed: 7 });
    const b = createHannunResNet34({ ...TINY, seed: 7 });
    const c = createHannunResNet34({ ...TINY, seed: 8 });
    expect(a.layers.map((l) => l.name)).toEqual([
      'input', 'stem_conv', 'stem_bn', 'stem_relu',
      'block0_conv1', 'block0_bn2', 'block0_relu2', 'block0_dropout', 'block0_conv2', 'block0_add',
      'block1_bn1', 'block1_relu1', 'block1_conv1', 'block1_bn2', 'block1_relu2', 'block1_shortcut_pool',
      'block1_dropout', 'block1_shortcut_pad', 'block1_conv2', 'block1_add',
      'top_bn', 'top_relu', 'avg_pool', 'predictions',
    ]);
    expect(b.layers.map((l) => l.name)).toEqual(a.layers.map((l) => l.name));
    expect(weightValues(b)).toEqual(weightValues(a));
    expect(weightValues(c)).not.toEqual(weightValues(a));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('zero-pads the shortcut: the extra channels carry only the residual branch', () => {
    const model = createHannunResNet34({ ...TINY, inputLength: 4, leads: 2, seed: 1 });
    const pad = model.getLayer('block1_shortcut_pad');
    const x = tf.tensor3d([[[1, 2], [3, 4]]]);
    const y = pad.apply(x) as tf.Tensor;
    expect(y.arraySync()).toEqual([[[1, 2, 0, 0], [3, 4, 0, 0]]]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('survives save/load (ZeroPadChannels1d registered) with identical outputs', async () => {
    const model = createHannunResNet34({ ...TINY, inputLength: 32, seed: 3 });
    const x = tf.randomNormal([4, 32, 2], 0, 1, 'float32', 11);
    await trainOneStep(model, x, 3);
    const loaded = await saveAndLoad(model);
    expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    const before = model.predict(x) as tf.Tensor;
    const after = loaded.predict(x) as tf.Tensor;
    expect(Array.from(after.dataSync())).toEqual(Array.from(before.dataSync()));
    tf.dispose([x, before, after]);
    model.dispose();
    loaded.dispose();
  });

  it('rejects impossible settings with BAD_CONFIG naming the field', () => {
    for (const bad of [{ inputLength: 0 }, { filterLength: 2.5 }, { dropoutRate: 1 }, { classifierActivation: 'relu' as never }, { seed: 0.5 }]) {
      let caught: unknown;
      try {
        createHannunResNet34({ ...TINY, ...bad }).dispose();
      } catch (e) {
        caught = e;
      }
      expect(isModelError(caught, 'BAD_CONFIG')).toBe(true);
      expect(String((caught as Error).message)).toContain(`HannunResNet34Config.${Object.keys(bad)[0]}`);
    }
  });
});
