import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countMacs, countParameters } from '../../common/count';
import { isModelError } from '../../common/errors';
import { weightValues } from '../shared/testing';
import type { SeResNet18Config } from './config';
import { createSeResNet18 } from './model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Stem 4 (k3, s2) + pool, stage 1: one 4-filter block (SE 1), stage 2: one 8-filter block, stride 2 (SE 2, projection). */
const TINY: Partial<SeResNet18Config> = {
  inputLength: 8,
  leads: 2,
  stemFilters: 4,
  stemKernel: 3,
  stageBlocks: [1, 1],
  stageFilters: [4, 8],
  seRatio: 4,
  classes: 3,
};

describe('createSeResNet18', () => {
  it('256 x 2 / 5 classes predicts a softmax per window', () => {
    const model = createSeResNet18({ inputLength: 256, leads: 2, classes: 5, seed: 1 });
    const y = tf.tidy(() => model.predict(tf.randomNormal([2, 256, 2], 0, 1, 'float32', 5)) as tf.Tensor);
    expect(y.shape).toEqual([2, 5]);
    tf.tidy(() => y.sum(1).arraySync() as number[]).forEach((s) => expect(s).toBeCloseTo(1, 5));
    y.dispose();
    model.dispose();
  });

  it('symbolic shapes: 3000 x 1 / 4 classes, 1000 x 12 / 5 sigmoid', () => {
    const long = createSeResNet18({ inputLength: 3000, leads: 1, classes: 4 });
    expect(long.outputShape).toEqual([null, 4]);
    // stem /2, pool /2, stages 2-4 /2 each: 3000 -> 1500 -> 750 -> 375 -> 188 -> 94
    expect(long.getLayer('stage4_block2_out').outputShape).toEqual([null, 94, 512]);
    const twelve = createSeResNet18({ inputLength: 1000, leads: 12, classes: 5, classifierActivation: 'sigmoid' });
    expect(twelve.outputShape).toEqual([null, 5]);
    expect((twelve.getLayer('predictions').getConfig() as { activation: string }).activation).toBe('sigmoid');
    [long, twelve].forEach((m) => m.dispose());
  });

  it('has ResNet-18 layout: 17 k-convs + 3 projections, SE widths C/16', () => {
    const model = createSeResNet18({ inputLength: 256, leads: 1 });
    const convs = model.layers.filter((l) => l.getClassName() === 'Conv1D').map((l) => l.name);
    expect(convs.filter((n) => !n.includes('shortcut'))).toHaveLength(17);
    expect(convs.filter((n) => n.includes('shortcut'))).toEqual(['stage2_block1_shortcut_conv', 'stage3_block1_shortcut_conv', 'stage4_block1_shortcut_conv']);
    expect(model.getLayer('stage1_block1_se_reduce').getWeights()[0].shape).toEqual([64, 4]);
    expect(model.getLayer('stage4_block2_se_reduce').getWeights()[0].shape).toEqual([512, 32]);
    expect(countParameters(createSeResNet18({ inputLength: 256, leads: 1, seRatio: 0 })).total).toBeLessThan(countParameters(model).total);
    model.dispose();
  });

  it('parameters and MACs of a two-block net match a hand count', () => {
    // Lengths: 8 -> stem (s2) 4 -> pool (3, s2) 2 -> stage 1: 2 -> stage 2 (s2): 1.
    // Parameters (convs without bias; BN = 2C trained + 2C not; SE dense with bias):
    //   stem_conv 3*2*4 = 24, stem_bn 8 (+8)
    //   stage1: conv1 3*4*4 = 48, bn1 8 (+8), conv2 48, bn2 8 (+8), se (width 4/4 = 1) 4*1+1 + 1*4+4 = 13
    //   stage2: conv1 3*4*8 = 96, bn1 16 (+16), conv2 3*8*8 = 192, bn2 16 (+16),
    //           se (width 8/4 = 2) 8*2+2 + 2*8+8 = 42, shortcut conv 4*8 = 32, shortcut bn 16 (+16)
    //   predictions 8*3 + 3 = 27
    //   trainable 594, non-trainable 72, total 666
    // MACs: stem 4*3*2*4 = 96; stage1 2 x 2*3*4*4 = 192; stage2 1*3*4*8 = 96 + 1*3*8*8 = 192
    //   + shortcut 1*4*8 = 32 -> conv 608; dense SE 4+4 + 16+16 = 40, predictions 24 -> 64; total 672
    const model = createSeResNet18(TINY);
    expect(countParameters(model)).toEqual({ trainable: 594, nonTrainable: 72, total: 666 });
    expect(countMacs(model)).toEqual({ conv: 608, depthwise: 0, dense: 64, total: 672, uncounted: [] });
    model.dispose();
  });

  it('names layers deterministically and seeds reproduce weights', () => {
    const a = createSeResNet18({ ...TINY, seed: 4 });
    const b = createSeResNet18({ ...TINY, seed: 4 });
    const c = createSeResNet18({ ...TINY, seed: 5 });
    const names = a.layers.map((l) => l.name);
    expect(names.slice(0, 17)).toEqual([
      'input', 'stem_conv', 'stem_bn', 'stem_relu', 'stem_pool',
      'stage1_block1_conv1', 'stage1_block1_bn1', 'stage1_block1_relu1', 'stage1_block1_conv2', 'stage1_block1_bn2',
      'stage1_block1_se_squeeze', 'stage1_block1_se_reduce', 'stage1_block1_se_expand', 'stage1_block1_se_reshape',
      'stage1_block1_se_excite', 'stage1_block1_add', 'stage1_block1_out',
    ]);
    expect(names.slice(-2)).toEqual(['avg_pool', 'predictions']);
    expect(b.layers.map((l) => l.name)).toEqual(names);
    expect(weightValues(b)).toEqual(weightValues(a));
    expect(weightValues(c)).not.toEqual(weightValues(a));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('rejects impossible settings with BAD_CONFIG naming the field', () => {
    const bad: [Partial<SeResNet18Config>, string][] = [
      [{ stageFilters: [4] }, 'stageFilters'],
      [{ stageBlocks: [1, 0], stageFilters: [4, 8] }, 'stageBlocks[1]'],
      [{ seRatio: -1 }, 'seRatio'],
      [{ blockKernel: 0 }, 'blockKernel'],
    ];
    for (const [settings, field] of bad) {
      let caught: unknown;
      try {
        createSeResNet18({ ...TINY, ...settings }).dispose();
      } catch (e) {
        caught = e;
      }
      expect(isModelError(caught, 'BAD_CONFIG')).toBe(true);
      expect(String((caught as Error).message)).toContain(`SeResNet18Config.${field}`);
    }
  });
});
