import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DropConnect } from '../common/layers/drop-connect';
import type { EfficientNet1DConfig } from './config';
import { createEfficientNet1D } from './model';
import { efficientNet1DB0, efficientNet1DLite, efficientNet1DVariantConfig } from './variants';

// the 'cpu' backend is slow for convolutions: predict runs on batches of 1-2 short windows,
// long inputs are checked through the symbolic output shape only
beforeAll(async () => {
  await tf.setBackend('cpu');
});

const TWO_STAGES: Partial<EfficientNet1DConfig> = {
  inputLength: 32,
  leads: 2,
  stemFilters: 8,
  stemKernel: 7,
  headFilters: 16,
  classes: 3,
  blocks: [
    { repeats: 1, kernelSize: 3, strides: 1, inputFilters: 8, outputFilters: 8, expandRatio: 1, seRatio: 0.25 },
    { repeats: 2, kernelSize: 5, strides: 2, inputFilters: 8, outputFilters: 16, expandRatio: 3, seRatio: 0.25 },
  ],
};

describe('createEfficientNet1D output shapes', () => {
  it('b0 and lite on 256 x 2 / 5 classes predict a softmax per sample', () => {
    for (const build of [efficientNet1DB0, efficientNet1DLite]) {
      const model = build({ inputLength: 256, leads: 2, classes: 5 });
      const y = tf.tidy(() => model.predict(tf.randomNormal([2, 256, 2])) as tf.Tensor);
      expect(y.shape).toEqual([2, 5]);
      const sums = tf.tidy(() => y.sum(1).arraySync() as number[]);
      sums.forEach((s) => expect(s).toBeCloseTo(1, 5));
      y.dispose();
      model.dispose();
    }
  });

  it('lite on 1000 x 12 with sigmoid for multi-label sets', () => {
    const model = efficientNet1DLite({ inputLength: 1000, leads: 12, classes: 5, classifierActivation: 'sigmoid' });
    const y = tf.tidy(() => model.predict(tf.randomNormal([1, 1000, 12])) as tf.Tensor);
    expect(y.shape).toEqual([1, 5]);
    const v = y.dataSync();
    expect(Array.from(v).every((p) => p > 0 && p < 1)).toBe(true);
    y.dispose();
    model.dispose();
  });

  it('symbolic shapes for long inputs (b0/lite x 3000 x 1, 1000 x 12)', () => {
    const cases: [number, number, number][] = [
      [3000, 1, 4],
      [1000, 12, 5],
    ];
    for (const variant of ['b0', 'lite'] as const) {
      for (const [inputLength, leads, classes] of cases) {
        const model = createEfficientNet1D(efficientNet1DVariantConfig(variant, { inputLength, leads, classes }));
        expect(model.inputs[0].shape).toEqual([null, inputLength, leads]);
        expect(model.outputShape).toEqual([null, classes]);
        // 5 stride-2 stages: 3000 -> 1500 -> 750 -> 375 -> 188 -> 94; 1000 -> ... -> 32
        const top = model.getLayer('top_activation').outputShape;
        expect(top).toEqual([null, inputLength === 3000 ? 94 : 32, variant === 'b0' ? 1280 : 640]);
        model.dispose();
      }
    }
  });

  it('includeTop:false gives the pooled feature vector or the feature map', () => {
    const avg = createEfficientNet1D({ ...TWO_STAGES, includeTop: false });
    const max = createEfficientNet1D({ ...TWO_STAGES, includeTop: false, pooling: 'max' });
    const map = createEfficientNet1D({ ...TWO_STAGES, includeTop: false, pooling: 'none' });
    expect(avg.outputShape).toEqual([null, 16]);
    expect(max.outputShape).toEqual([null, 16]);
    expect(map.outputShape).toEqual([null, 8, 16]); // 32 -> stem 16 -> stage 2 stride 8
    const y = tf.tidy(() => avg.predict(tf.randomNormal([2, 32, 2])) as tf.Tensor);
    expect(y.shape).toEqual([2, 16]);
    y.dispose();
    expect(avg.layers.some((l) => l.name === 'predictions')).toBe(false);
    [avg, max, map].forEach((m) => m.dispose());
  });

  it("classifierActivation 'linear' returns logits", () => {
    const model = createEfficientNet1D({ ...TWO_STAGES, classifierActivation: 'linear' });
    const config = model.getLayer('predictions').getConfig();
    expect(config.activation).toBe('linear');
    model.dispose();
  });
});

describe('layer names', () => {
  it('follow Keras and are the same on every build', () => {
    const a = createEfficientNet1D(TWO_STAGES);
    const b = createEfficientNet1D(TWO_STAGES);
    const names = a.layers.map((l) => l.name);
    expect(b.layers.map((l) => l.name)).toEqual(names);
    expect(names).toEqual([
      'input',
      'stem_conv', 'stem_bn', 'stem_activation',
      // block1a: expandRatio 1 -> no expand conv; stride 1 and 8 -> 8 -> identity add (drop rate 0 -> no drop layer)
      'block1a_dwconv_expand_dims', 'block1a_dwconv', 'block1a_dwconv_squeeze', 'block1a_bn', 'block1a_activation',
      'block1a_se_squeeze', 'block1a_se_reduce', 'block1a_se_expand', 'block1a_se_reshape', 'block1a_se_excite',
      'block1a_project_conv', 'block1a_project_bn', 'block1a_add',
      'block2a_expand_conv', 'block2a_expand_bn', 'block2a_expand_activation',
      'block2a_dwconv_expand_dims', 'block2a_dwconv', 'block2a_dwconv_squeeze', 'block2a_bn', 'block2a_activation',
      'block2a_se_squeeze', 'block2a_se_reduce', 'block2a_se_expand', 'block2a_se_reshape', 'block2a_se_excite',
      'block2a_project_conv', 'block2a_project_bn',
      'block2b_expand_conv', 'block2b_expand_bn', 'block2b_expand_activation',
      'block2b_dwconv_expand_dims', 'block2b_dwconv', 'block2b_dwconv_squeeze', 'block2b_bn', 'block2b_activation',
      'block2b_se_squeeze', 'block2b_se_reduce', 'block2b_se_expand', 'block2b_se_reshape', 'block2b_se_excite',
      'block2b_project_conv', 'block2b_project_bn', 'block2b_drop', 'block2b_add',
      'top_conv', 'top_bn', 'top_activation', 'avg_pool', 'top_dropout', 'predictions',
    ]);
    // block2b is block 2 of 3: drop-connect 0.2 * 2 / 3
    const drop = a.getLayer('block2b_drop') as DropConnect;
    expect(drop).toBeInstanceOf(DropConnect);
    expect(drop.rate).toBeCloseTo((0.2 * 2) / 3, 12);
    a.dispose();
    b.dispose();
  });

  it('b0 has the Keras landmarks', () => {
    const model = efficientNet1DB0({ inputLength: 64, leads: 1 });
    const names = new Set(model.layers.map((l) => l.name));
    for (const n of ['stem_conv', 'block1a_dwconv', 'block2b_se_squeeze', 'block4c_drop', 'block6d_add', 'block7a_project_bn', 'top_conv']) {
      expect(names.has(n)).toBe(true);
    }
    expect(model.name).toBe('efficientnet1d-b0');
    model.dispose();
  });
});

describe('seeded initialisation', () => {
  let first: tf.LayersModel;
  let second: tf.LayersModel;
  afterAll(() => {
    first?.dispose();
    second?.dispose();
  });
  it('two builds with one seed have identical weights; another seed differs', () => {
    first = createEfficientNet1D({ ...TWO_STAGES, seed: 7 });
    second = createEfficientNet1D({ ...TWO_STAGES, seed: 7 });
    const third = createEfficientNet1D({ ...TWO_STAGES, seed: 8 });
    const w = (m: tf.LayersModel) => m.getWeights().map((t) => Array.from(t.dataSync()));
    expect(w(second)).toEqual(w(first));
    expect(w(third)).not.toEqual(w(first));
    third.dispose();
  });
});
