import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countParameters } from '../../common/count';
import { isModelError } from '../../common/errors';
import { countBaselineMacs } from '../index';
import { saveAndLoad, trainOneStep, weightValues } from '../shared/testing';
import type { EcgTransformerConfig } from './config';
import { createEcgTransformer } from './model';
import { TransformerSelfAttention } from './self-attention';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 8 samples / patch 4 = 2 tokens of width 4, one encoder layer with 2 heads, MLP 8, 3 classes. */
const TINY: Partial<EcgTransformerConfig> = {
  inputLength: 8,
  leads: 1,
  patchSize: 4,
  modelDim: 4,
  numLayers: 1,
  numHeads: 2,
  mlpDim: 8,
  classes: 3,
};

/** Plain-array multi-head attention: the reference for the custom layer. */
function referenceAttention(x: number[][], w: number[][][], b: number[][], heads: number): number[][] {
  const T = x.length;
  const d = x[0].length;
  const dh = d / heads;
  const proj = (m: number[][], i: number) => m.map((row) => w[i][0].map((_, o) => b[i][o] + row.reduce((s, v, j) => s + v * w[i][j][o], 0)));
  const [q, k, v] = [0, 1, 2].map((i) => proj(x, i));
  const context = x.map(() => new Array(d).fill(0));
  for (let h = 0; h < heads; h++) {
    const cols = Array.from({ length: dh }, (_, j) => h * dh + j);
    for (let t = 0; t < T; t++) {
      const scores = k.map((kr) => cols.reduce((s, c) => s + q[t][c] * kr[c], 0) / Math.sqrt(dh));
      const max = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - max));
      const z = e.reduce((a, c) => a + c, 0);
      for (const c of cols) context[t][c] = e.reduce((s, p, u) => s + (p / z) * v[u][c], 0);
    }
  }
  return proj(context, 3);
}

describe('TransformerSelfAttention', () => {
  it('matches a direct multi-head attention computation', () => {
    const T = 5;
    const d = 6;
    const heads = 3;
    const input = tf.input({ shape: [T, d] });
    const layer = new TransformerSelfAttention({ numHeads: heads, seed: 21, name: 'attn' });
    const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
    expect(layer.getWeights().map((w) => w.shape)).toEqual([[d, d], [d], [d, d], [d], [d, d], [d], [d, d], [d]]);
    // non-zero biases so the bias path is exercised
    const weights = layer.getWeights().map((w, i) => (w.rank === 1 ? tf.randomUniform(w.shape, -0.5, 0.5, 'float32', 30 + i) : w));
    layer.setWeights(weights);
    const values = weights.map((t) => t.arraySync());
    const w = [0, 2, 4, 6].map((i) => values[i] as number[][]);
    const b = [1, 3, 5, 7].map((i) => values[i] as number[]);
    const x = Array.from({ length: T }, (_, t) => Array.from({ length: d }, (_, c) => Math.sin(0.9 * t + 0.4 * c) + 0.1 * c));
    const y = tf.tidy(() => (model.predict(tf.tensor3d([x])) as tf.Tensor).arraySync() as number[][][]);
    const expected = referenceAttention(x, w, b, heads);
    y[0].forEach((row, t) => row.forEach((v, c) => expect(v).toBeCloseTo(expected[t][c], 5)));
    model.dispose();
  });

  it('rejects a width not divisible by the heads', () => {
    let caught: unknown;
    try {
      new TransformerSelfAttention({ numHeads: 4 }).apply(tf.input({ shape: [3, 6] }));
    } catch (e) {
      caught = e;
    }
    expect(isModelError(caught, 'BAD_CONFIG')).toBe(true);
  });
});

describe('createEcgTransformer', () => {
  it('256 x 2 / 5 classes predicts a softmax per window', () => {
    const model = createEcgTransformer({ inputLength: 256, leads: 2, classes: 5, seed: 1 });
    const y = tf.tidy(() => model.predict(tf.randomNormal([2, 256, 2], 0, 1, 'float32', 5)) as tf.Tensor);
    expect(y.shape).toEqual([2, 5]);
    tf.tidy(() => y.sum(1).arraySync() as number[]).forEach((s) => expect(s).toBeCloseTo(1, 5));
    y.dispose();
    model.dispose();
  });

  it('symbolic shapes: 3000 x 1 / 4 classes (188 tokens), 1000 x 12 / 5 sigmoid (63 tokens)', () => {
    const long = createEcgTransformer({ inputLength: 3000, leads: 1, classes: 4 });
    expect(long.outputShape).toEqual([null, 4]);
    expect(long.getLayer('encoder2_mlp_norm').outputShape).toEqual([null, 188, 64]);
    const twelve = createEcgTransformer({ inputLength: 1000, leads: 12, classes: 5, classifierActivation: 'sigmoid' });
    expect(twelve.outputShape).toEqual([null, 5]);
    expect(twelve.getLayer('position_embedding').getWeights()[0].shape).toEqual([63, 64]);
    expect((twelve.getLayer('predictions').getConfig() as { activation: string }).activation).toBe('sigmoid');
    [long, twelve].forEach((m) => m.dispose());
  });

  it('parameters and MACs of a one-layer net match a hand count', () => {
    // Parameters: patch_embed 4*1*4 + 4 = 20; position_embedding 2 tokens * 4 = 8;
    //   attention 4 * (4*4 + 4) = 80; attention_norm 2*4 = 8; mlp_dense1 4*8 + 8 = 40;
    //   mlp_dense2 8*4 + 4 = 36; mlp_norm 8; predictions 4*3 + 3 = 15 -> 215, all trainable
    // MACs (T = 2 tokens, d = 4): patch conv 2 * 4*1*4 = 32; dense: mlp 2*4*8 + 2*8*4 = 128,
    //   predictions 12 -> 140; attention 4*T*d^2 + 2*T^2*d = 128 + 32 = 160; total 332
    const model = createEcgTransformer(TINY);
    expect(countParameters(model)).toEqual({ trainable: 215, nonTrainable: 0, total: 215 });
    expect(countBaselineMacs(model)).toEqual({
      conv: 32, depthwise: 0, dense: 140, recurrent: 0, attention: 160, total: 332, uncounted: [],
    });
    model.dispose();
  });

  it('names layers deterministically and seeds reproduce weights', () => {
    const a = createEcgTransformer({ ...TINY, seed: 2 });
    const b = createEcgTransformer({ ...TINY, seed: 2 });
    const c = createEcgTransformer({ ...TINY, seed: 3 });
    expect(a.layers.map((l) => l.name)).toEqual([
      'input', 'patch_embed', 'position_embedding', 'embed_dropout',
      'encoder1_attention', 'encoder1_attention_dropout', 'encoder1_attention_add', 'encoder1_attention_norm',
      'encoder1_mlp_dense1', 'encoder1_mlp_dense2', 'encoder1_mlp_dropout', 'encoder1_mlp_add', 'encoder1_mlp_norm',
      'avg_pool', 'top_dropout', 'predictions',
    ]);
    expect(b.layers.map((l) => l.name)).toEqual(a.layers.map((l) => l.name));
    expect(weightValues(b)).toEqual(weightValues(a));
    expect(weightValues(c)).not.toEqual(weightValues(a));
    // the four attention kernels draw from different seeds
    const [wq, , wk] = weightValues(a).slice(3, 6);
    expect(wk).not.toEqual(wq);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('trains and survives save/load (custom layers registered) with identical outputs', async () => {
    const model = createEcgTransformer({ ...TINY, inputLength: 32, patchSize: 8, numLayers: 2, seed: 5 });
    const x = tf.randomNormal([4, 32, 1], 0, 1, 'float32', 13);
    const initial = weightValues(model);
    await trainOneStep(model, x, 3);
    expect(weightValues(model)).not.toEqual(initial);
    const loaded = await saveAndLoad(model);
    expect(loaded.layers.map((l) => l.getClassName())).toContain('TransformerSelfAttention');
    expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    expect(weightValues(loaded)).toEqual(weightValues(model));
    const before = model.predict(x) as tf.Tensor;
    const after = loaded.predict(x) as tf.Tensor;
    expect(Array.from(after.dataSync())).toEqual(Array.from(before.dataSync()));
    tf.dispose([x, before, after]);
    model.dispose();
    loaded.dispose();
  });

  it('rejects impossible settings with BAD_CONFIG naming the field', () => {
    const bad: [Partial<EcgTransformerConfig>, string][] = [
      [{ numHeads: 3 }, 'numHeads'],
      [{ patchSize: 0 }, 'patchSize'],
      [{ mlpActivation: 'swish' as never }, 'mlpActivation'],
      [{ layerNormEpsilon: 0 }, 'layerNormEpsilon'],
    ];
    for (const [settings, field] of bad) {
      let caught: unknown;
      try {
        createEcgTransformer({ ...TINY, ...settings }).dispose();
      } catch (e) {
        caught = e;
      }
      expect(isModelError(caught, 'BAD_CONFIG')).toBe(true);
      expect(String((caught as Error).message)).toContain(`EcgTransformerConfig.${field}`);
    }
  });
});
