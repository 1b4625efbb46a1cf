import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countMacs, countParameters } from '../common/count';
import type { EfficientNet1DConfig } from './config';
import { countEfficientNet1DMacs, countEfficientNet1DParameters } from './counts';
import { createEfficientNet1D } from './model';
import { planEfficientNet1D } from './plan';
import { efficientNet1DVariantConfig } from './variants';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** One stage, one block: input 16 x 2, stem 8 (k3, s2), block 8 -> 8 with expansion 2 and SE, head 16, 3 classes. */
const TINY: Partial<EfficientNet1DConfig> = {
  inputLength: 16,
  leads: 2,
  stemFilters: 8,
  stemKernel: 3,
  stemStrides: 2,
  headFilters: 16,
  classes: 3,
  blocks: [{ repeats: 1, kernelSize: 3, strides: 1, inputFilters: 8, outputFilters: 8, expandRatio: 2, seRatio: 0.25 }],
};

describe('parameter and MAC counts, by hand', () => {
  // Parameters (kernel shapes; BN = gamma, beta trained + moving mean, variance not):
  //   stem_conv            3 * 2 * 8            =  48
  //   stem_bn              8 * 2 (+ 16 nt)      =  16
  //   block1a_expand_conv  8 * 16               = 128
  //   block1a_expand_bn    16 * 2 (+ 32 nt)     =  32
  //   block1a_dwconv       3 * 1 * 16 * 1       =  48
  //   block1a_bn           16 * 2 (+ 32 nt)     =  32
  //   block1a_se_reduce    16 * 2 + 2           =  34   (SE width = floor(8 * 0.25) = 2)
  //   block1a_se_expand    2 * 16 + 16          =  48
  //   block1a_project_conv 16 * 8               = 128
  //   block1a_project_bn   8 * 2 (+ 16 nt)      =  16
  //   top_conv             8 * 16               = 128
  //   top_bn               16 * 2 (+ 32 nt)     =  32
  //   predictions          16 * 3 + 3           =  51
  //   trainable = 741, non-trainable = 16 + 32 + 32 + 16 + 32 = 128, total = 869
  const HAND_PARAMS = { trainable: 741, nonTrainable: 128, total: 869 };
  // MACs for one sample; the stem halves 16 -> 8 and everything after runs at length 8:
  //   stem 8*3*2*8 = 384, expand 8*8*16 = 1024, project 8*16*8 = 1024, top 8*8*16 = 1024 -> conv 3456
  //   depthwise 8*3*16 = 384
  //   SE 16*2 + 2*16 = 64, predictions 16*3 = 48 -> dense 112
  //   total 3952
  const HAND_MACS = { conv: 3456, depthwise: 384, dense: 112, total: 3952, uncounted: [] };

  it('the built model has exactly the hand-counted parameters and MACs', () => {
    const model = createEfficientNet1D(TINY);
    expect(countParameters(model)).toEqual(HAND_PARAMS);
    expect(countMacs(model)).toEqual(HAND_MACS);
    model.dispose();
  });

  it('the analytic counts agree with the hand count', () => {
    expect(countEfficientNet1DParameters(TINY)).toEqual(HAND_PARAMS);
    expect(countEfficientNet1DMacs(TINY)).toEqual(HAND_MACS);
  });

  it('se:false removes exactly the SE parameters (34 + 48) and MACs (64)', () => {
    const model = createEfficientNet1D({ ...TINY, se: false });
    expect(countParameters(model)).toEqual({ trainable: 741 - 82, nonTrainable: 128, total: 869 - 82 });
    expect(countMacs(model).dense).toBe(48);
    expect(model.layers.some((l) => l.name.includes('_se_'))).toBe(false);
    model.dispose();
  });

  it('se:false on b0 removes exactly sum(2 * e * s + s + e) over the blocks', () => {
    const cfg = efficientNet1DVariantConfig('b0', { inputLength: 256, leads: 2 });
    const seParams = planEfficientNet1D(cfg).blocks.reduce(
      (n, b) => n + 2 * b.expandedFilters * b.seFilters + b.seFilters + b.expandedFilters,
      0,
    );
    const on = createEfficientNet1D(cfg);
    const off = createEfficientNet1D({ ...cfg, se: false });
    const seLayerWeights = on.layers
      .filter((l) => l.name.includes('_se_'))
      .reduce((n, l) => n + countParameters(l).total, 0);
    expect(seLayerWeights).toBe(seParams);
    expect(countParameters(on).total - countParameters(off).total).toBe(seParams);
    on.dispose();
    off.dispose();
  });
});

describe('B0 against Keras', () => {
  it('in 2-D terms (k x k depthwise, 3x3x3 stem, 1000 classes) gives Keras EfficientNetB0 5,288,548 trainable', () => {
    // Keras' summary: trainable 5,288,548; non-trainable 42,023 = our 42,016 BN statistics + the
    // 7 weights of its input Normalization layer (mean 3, variance 3, count 1).
    const cfg = { inputLength: 224, leads: 3, classes: 1000, stemKernel: 3 };
    const n = countEfficientNet1DParameters(cfg);
    const plan = planEfficientNet1D(cfg);
    const depthwise2d = plan.blocks.reduce((s, b) => s + b.expandedFilters * b.kernelSize * (b.kernelSize - 1), 0);
    const stem2d = 3 * 3 * 3 * 32 - 3 * 3 * 32;
    expect(n.trainable + depthwise2d + stem2d).toBe(5_288_548);
    expect(n.nonTrainable + 7).toBe(42_023);
  });
});

describe('analytic counts equal the counts of the built model', () => {
  const cases: [string, 'b0' | 'lite', number, number, number][] = [
    ['b0 256x2 / 5', 'b0', 256, 2, 5],
    ['b0 3000x1 / 4', 'b0', 3000, 1, 4],
    ['b0 1000x12 / 5', 'b0', 1000, 12, 5],
    ['lite 256x2 / 5', 'lite', 256, 2, 5],
    ['lite 3000x1 / 4', 'lite', 3000, 1, 4],
    ['lite 1000x12 / 5', 'lite', 1000, 12, 5],
  ];
  for (const [label, variant, inputLength, leads, classes] of cases) {
    it(label, () => {
      const cfg = efficientNet1DVariantConfig(variant, { inputLength, leads, classes, kernelScale: variant === 'lite' ? 2 : 1 });
      const model = createEfficientNet1D(cfg);
      expect(countParameters(model)).toEqual(countEfficientNet1DParameters(cfg));
      expect(countMacs(model)).toEqual(countEfficientNet1DMacs(cfg));
      model.dispose();
    });
  }

  it('reference numbers (kernel scale 1, ECG stem 7)', () => {
    const summary = (variant: 'b0' | 'lite', inputLength: number, leads: number, classes: number) => {
      const cfg = efficientNet1DVariantConfig(variant, { inputLength, leads, classes });
      return [countEfficientNet1DParameters(cfg).total, countEfficientNet1DMacs(cfg).total];
    };
    expect(summary('b0', 256, 2, 5)).toEqual([3_913_089, 33_291_008]);
    expect(summary('b0', 3000, 1, 4)).toEqual([3_911_584, 383_947_232]);
    expect(summary('b0', 1000, 12, 5)).toEqual([3_915_329, 131_508_336]);
    expect(summary('lite', 256, 2, 5)).toEqual([635_189, 5_474_048]);
    expect(summary('lite', 3000, 1, 4)).toEqual([634_436, 63_172_576]);
    expect(summary('lite', 1000, 12, 5)).toEqual([636_309, 22_035_712]);
  });

  it('countEfficientNet1DMacs takes an input length override', () => {
    expect(countEfficientNet1DMacs(TINY, 32).total).toBeGreaterThan(countEfficientNet1DMacs(TINY).total);
  });
});
