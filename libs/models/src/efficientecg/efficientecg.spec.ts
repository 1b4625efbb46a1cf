import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countParameters } from '../common';
import { createEfficientNet1D } from '../efficientnet1d/model';
import { efficientNet1DVariantConfig } from '../efficientnet1d/variants';
import { buildFusionModel } from '../fusion/cross-attention-fusion';
import { loadModelFromDir, saveModelToDir } from '../io';
import { createEfficientECG } from './model';

const tmp = mkdtempSync(join(tmpdir(), 'efficientecg-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(async () => {
  await tf.setBackend('cpu');
});

const small = { inputLength: 128, leads: 2, classes: 5 } as const;

function inputsFor(names: string[], batch: number, seed = 1): tf.Tensor[] {
  return names.map((n, i) => {
    if (n === 'signal') return tf.randomNormal([batch, 128, 2], 0, 1, 'float32', seed + i);
    if (n === 'beat_features') return tf.randomNormal([batch, 16, 8], 0, 1, 'float32', seed + i);
    if (n === 'beat_mask') return tf.ones([batch, 16, 8]);
    if (n === 'age') return tf.tensor2d([[3], [7]].slice(0, batch));
    if (n === 'rr_features') return tf.randomNormal([batch, 5], 0, 0.3, 'float32', seed + i);
    return tf.tensor2d([[0], [2]].slice(0, batch));
  });
}

describe('EfficientECG', () => {
  it('every combination of the three switches builds, takes the right inputs and gives probabilities', () => {
    for (const se of [true, false]) for (const lstmAE of [true, false]) for (const fusion of [true, false]) {
      const m = createEfficientECG({ ...small, se, lstmAE, fusion });
      const expected = ['signal', ...(lstmAE ? ['beat_features', 'beat_mask'] : []), ...(fusion ? ['age', 'sex'] : [])];
      expect(m.inputNames).toEqual(expected);
      expect(m.model.outputShape).toEqual([null, 5]);
      const x = inputsFor(m.inputNames, 2);
      const y = m.model.predict(x) as tf.Tensor;
      const sums = tf.sum(y, 1).arraySync() as number[];
      sums.forEach((s) => expect(s).toBeCloseTo(1, 5));
      tf.dispose([...x, y]);
      m.model.dispose();
    }
  }, 60_000);

  it('multi-label heads are sigmoids over 12 leads', () => {
    const m = createEfficientECG({ inputLength: 256, leads: 12, classes: 5, task: 'multi-label', lstmAE: false });
    expect(m.model.outputShape).toEqual([null, 5]);
    expect(m.model.layers.at(-1)!.getConfig().activation).toBe('sigmoid');
  });

  it('each ablation switch removes exactly its branch and its share of the classifier', () => {
    const total = (o: object) => countParameters(createEfficientECG({ ...small, ...o }).model).total;
    const full = total({});
    // fusion: the fusion module on the backbone's feature map, plus classes x d head weights
    const fm = createEfficientECG({ ...small, lstmAE: false, fusion: false }).backbone.outputShape as number[];
    const fusionParams = countParameters(buildFusionModel({ d: 128, heads: 4 }, { timeSteps: fm[1], channels: fm[2] })).total;
    expect(full - total({ fusion: false })).toBe(fusionParams + 5 * 128);
    // lstmAE: the encoder (LSTM 64 over 16 inputs = values and mask, dense 64 -> 32), plus classes x 32 head weights
    const lstm = 4 * (64 * (16 + 64) + 64);
    const code = 64 * 32 + 32;
    expect(full - total({ lstmAE: false })).toBe(lstm + code + 5 * 32);
    // se: the SE layers of the backbone only
    const backbone = (se: boolean) => countParameters(createEfficientNet1D(efficientNet1DVariantConfig('lite', { inputLength: 128, leads: 2, se, includeTop: false, pooling: 'none' }))).total;
    expect(full - total({ se: false })).toBe(backbone(true) - backbone(false));
  }, 60_000);

  it('rrFeatures adds a direct RR input through a dense layer, and the output depends on it', () => {
    const m = createEfficientECG({ ...small, fusion: false, rrFeatures: 5, seed: 2 });
    expect(m.inputNames).toEqual(['signal', 'beat_features', 'beat_mask', 'rr_features']);
    const without = countParameters(createEfficientECG({ ...small, fusion: false, seed: 2 }).model).total;
    // dense 5 -> 16 (weights and biases) plus classes x 16 head weights
    expect(countParameters(m.model).total - without).toBe(5 * 16 + 16 + 5 * 16);
    const x = inputsFor(m.inputNames, 2, 3);
    const y1 = (m.model.predict(x) as tf.Tensor).dataSync();
    const shifted = [...x.slice(0, 3), tf.add(x[3], 1)];
    const y2 = (m.model.predict(shifted) as tf.Tensor).dataSync();
    expect(Math.max(...Array.from(y1, (v, i) => Math.abs(v - y2[i])))).toBeGreaterThan(1e-4);
    expect(() => createEfficientECG({ ...small, rrFeatures: -1 })).toThrow(/EfficientECGConfig.rrFeatures/);
  });

  it('the LSTM-AE encoder is frozen by default and trainable with lstmAEFineTune', () => {
    const frozen = createEfficientECG({ ...small, fusion: false });
    const tuned = createEfficientECG({ ...small, fusion: false, lstmAEFineTune: true });
    const enc = countParameters(frozen.lstmAutoencoder!.encoder).total;
    expect(countParameters(tuned.model).trainable - countParameters(frozen.model).trainable).toBe(enc);
  });

  it('saves to a folder and loads back with identical outputs (nested backbone and encoder, custom attention layer)', async () => {
    const m = createEfficientECG({ ...small, seed: 4 });
    const x = inputsFor(m.inputNames, 2, 9);
    const before = (m.model.predict(x) as tf.Tensor).dataSync();
    await saveModelToDir(m.model, join(tmp, 'eecg'));
    const loaded = await loadModelFromDir(join(tmp, 'eecg'));
    expect(loaded.inputNames.map((n) => n.replace(/_\d+$/, ''))).toEqual(m.inputNames);
    const after = (loaded.predict(x) as tf.Tensor).dataSync();
    expect(Array.from(after)).toEqual(Array.from(before));
  }, 60_000);

  it('the same seed builds the same weights', () => {
    const a = createEfficientECG({ ...small, seed: 11 }).model.getWeights().map((w) => w.dataSync()[0]);
    const b = createEfficientECG({ ...small, seed: 11 }).model.getWeights().map((w) => w.dataSync()[0]);
    expect(a).toEqual(b);
  });

  it('bad settings are typed errors naming the setting', () => {
    expect(() => createEfficientECG({ inputLength: 0 })).toThrow(/EfficientECGConfig.inputLength/);
    expect(() => createEfficientECG({ classes: 1 })).toThrow(/at least 2 classes/);
  });
});
