import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AAMI_CLASSES, bundledSampleRoot, iterateMitdbBeats } from '@efficientecg/datasets';
import { DropConnect } from '../common/layers/drop-connect';
import { ArrayExampleSource } from './array-source';
import { balancedEpochOrder, inverseFrequencyWeights, shuffledEpochOrder } from './sampling';
import { LearningRateController } from './schedule';
import { trainModel, type TrainOptions } from './trainer';

const originalRandom = Math.random;
const tmp = mkdtempSync(join(tmpdir(), 'ecg-train-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Real beats of the bundled records 100 and 200: every S and V beat plus as many N, lead MLII. */
function realBeats(perClass: number): ArrayExampleSource {
  const picked: { cls: number; w: Float32Array; id: string; record: string }[] = [];
  const taken = [0, 0, 0, 0, 0];
  for (const b of iterateMitdbBeats(bundledSampleRoot(), ['100', '200'], { channels: [0] })) {
    const cls = AAMI_CLASSES.indexOf(b.aamiClass);
    if (cls > 2 || taken[cls] >= perClass) continue;
    taken[cls]++;
    picked.push({ cls, w: b.signals[0], id: `${b.record}:${b.sample}`, record: b.record });
  }
  const data = new Float32Array(picked.length * 256);
  picked.forEach((p, i) => {
    // per-beat z-score, as the preprocessing does: baseline wander would otherwise dominate
    const mean = p.w.reduce((a, b) => a + b, 0) / 256;
    const sd = Math.sqrt(p.w.reduce((a, b) => a + (b - mean) ** 2, 0) / 256) || 1;
    data.set(p.w.map((v) => (v - mean) / sd), i * 256);
  });
  return new ArrayExampleSource({
    inputs: [{ name: 'signal', data, shape: [256, 1] }],
    nClasses: 5,
    labels: Int32Array.from(picked, (p) => p.cls),
    groups: picked.map((p) => p.record),
    ids: picked.map((p) => p.id),
  });
}

/** A small conv net; `stochastic` adds the random layers of the real models (DropConnect on a residual branch, dropout before the head). */
function tinyModel(seed: number, stochastic = false): tf.LayersModel {
  const init = (s: number) => tf.initializers.glorotUniform({ seed: seed + s });
  const input = tf.input({ shape: [256, 1] });
  let x = tf.layers.conv1d({ filters: 8, kernelSize: 7, strides: 2, activation: 'relu', kernelInitializer: init(0) }).apply(input) as tf.SymbolicTensor;
  if (stochastic) {
    const branch = tf.layers.conv1d({ filters: 8, kernelSize: 3, padding: 'same', kernelInitializer: init(3) }).apply(x) as tf.SymbolicTensor;
    const dropped = new DropConnect({ rate: 0.3 }).apply(branch) as tf.SymbolicTensor;
    x = tf.layers.add().apply([x, dropped]) as tf.SymbolicTensor;
  }
  x = tf.layers.maxPooling1d({ poolSize: 4 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  if (stochastic) x = tf.layers.dropout({ rate: 0.3 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: init(1) }).apply(x) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 5, activation: 'softmax', kernelInitializer: init(2) }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

const base = (model: tf.LayersModel, src: ArrayExampleSource, extra: Partial<TrainOptions> = {}): TrainOptions => ({
  model,
  task: 'single-label',
  train: src,
  validation: src,
  epochs: 3,
  batchSize: 16,
  learningRate: 3e-3,
  schedule: { kind: 'cosine', minLearningRate: 1e-4 },
  balance: 'class-weights',
  earlyStoppingPatience: 0,
  monitor: 'val_macro_f1',
  seed: 5,
  ...extra,
});

describe('sampling and schedules', () => {
  it('class weights are n / (k n_c), 0 for an absent class', () => {
    const w = inverseFrequencyWeights([0, 0, 0, 1], 3);
    [4 / 9, 4 / 3, 0].forEach((v, i) => expect(w[i]).toBeCloseTo(v, 6));
    // capped: the rare class stops at the cap, the others are unchanged
    const capped = inverseFrequencyWeights([...Array(99).fill(0), 1], 2, 10);
    expect(capped[1]).toBe(10);
    expect(capped[0]).toBeCloseTo(100 / 198, 6);
  });
  it('epoch orders are seeded permutations; balanced epochs draw classes equally', () => {
    expect(shuffledEpochOrder(10, 1, 0)).toEqual(shuffledEpochOrder(10, 1, 0));
    expect(shuffledEpochOrder(10, 1, 0)).not.toEqual(shuffledEpochOrder(10, 1, 1));
    expect([...shuffledEpochOrder(10, 1, 0)].sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    const labels = [...Array(90).fill(0), ...Array(10).fill(1)];
    const order = balancedEpochOrder(labels, 2, 3, 0);
    expect(order).toHaveLength(100);
    expect(order.filter((i) => labels[i] === 1)).toHaveLength(50);
  });
  it('cosine decays from the base rate to the minimum; plateau cuts after patience', () => {
    const c = new LearningRateController({ kind: 'cosine', minLearningRate: 0.1 }, 1, 5);
    expect(c.rateFor(0)).toBe(1);
    expect(c.rateFor(4)).toBeCloseTo(0.1, 12);
    expect(c.rateFor(2)).toBeCloseTo(0.55, 12);
    const p = new LearningRateController({ kind: 'plateau', patience: 2, factor: 0.5, minLearningRate: 0.2 }, 1, 10);
    for (const v of [1, 0.9, 0.9]) p.observe(v, false);
    expect(p.rateFor(3)).toBe(1);
    p.observe(1, false); // 2nd bad epoch after the best (0.9)
    expect(p.rateFor(4)).toBe(0.5);
    for (let i = 0; i < 6; i++) p.observe(2, false);
    expect(p.rateFor(9)).toBe(0.2);
  });
});

describe('ArrayExampleSource', () => {
  it('batches several named inputs in the order a model wants, and subsets keep everything aligned', () => {
    const src = new ArrayExampleSource({
      inputs: [
        { name: 'signal', data: Float32Array.from({ length: 12 }, (_, i) => i), shape: [2, 2] },
        { name: 'age', data: Float32Array.from([30, 40, 50]), shape: [1] },
      ],
      nClasses: 2,
      labels: Int32Array.from([0, 1, 1]),
      groups: ['a', 'b', 'b'],
      ids: ['x', 'y', 'z'],
    });
    const ordered = src.forModel(['age', 'signal']);
    const b = ordered.batch([2, 0], { training: false, rng: () => 0 });
    expect(b.inputs.map((t) => t.shape)).toEqual([[2, 1], [2, 2, 2]]);
    expect(Array.from(b.inputs[0].dataSync())).toEqual([50, 30]);
    expect(Array.from(b.inputs[1].dataSync())).toEqual([8, 9, 10, 11, 0, 1, 2, 3]);
    expect(Array.from(b.targets.dataSync())).toEqual([0, 1, 1, 0]);
    const sub = src.subset([1]);
    expect([sub.size, sub.labels![0], sub.groups[0], sub.ids[0]]).toEqual([1, 1, 'b', 'y']);
    expect(() => src.forModel(['sex'])).toThrow(/wants input\(s\) sex/);
    expect(() => new ArrayExampleSource({ inputs: [{ name: 's', data: new Float32Array(5), shape: [2] }], nClasses: 2, labels: Int32Array.from([0, 1]), groups: ['a', 'b'], ids: ['a', 'b'] })).toThrow(/holds 5 values/);
  });
});

describe('trainModel on real MIT-BIH beats (cpu backend)', () => {
  it('a tiny model overfits a small batch of real N, S and V beats to near-zero loss', async () => {
    const src = realBeats(8);
    expect(src.size).toBe(24);
    const model = tinyModel(1);
    const r = await trainModel(base(model, src, { epochs: 60, batchSize: 24, learningRate: 1e-2, schedule: { kind: 'constant' } }));
    expect(r.history[0].trainLoss).toBeGreaterThan(0.5);
    expect(r.history.at(-1)!.valLoss).toBeLessThan(0.05);
    expect(r.history.at(-1)!.valAccuracy).toBe(1);
    // the epoch's wall time splits into its phases (same clock readings, so they add up)
    for (const h of r.history) {
      const phases = [h.trainSeconds!, h.recalibrationSeconds!, h.validationSeconds!];
      phases.forEach((p) => expect(p).toBeGreaterThanOrEqual(0));
      expect(phases.reduce((a, b) => a + b, 0)).toBeCloseTo(h.seconds, 6);
    }
    expect(r.history.reduce((t, h) => t + h.trainSeconds!, 0)).toBeGreaterThan(0);
  }, 60_000);

  const weightsOf = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));

  it('one seed repeats a run with dropout and DropConnect exactly; another seed draws other masks', async () => {
    const src = realBeats(20);
    const run = async (seed: number) => {
      const m = tinyModel(7, true); // same initial weights for every run seed
      const r = await trainModel(base(m, src, { epochs: 2, seed, batchNormRecalibrationBatches: 2 }));
      return { losses: r.history.map((h) => h.trainLoss), weights: weightsOf(m) };
    };
    const [a, b, c] = [await run(5), await run(5), await run(6)];
    expect(b.losses).toEqual(a.losses);
    expect(b.weights).toEqual(a.weights);
    expect(c.weights).not.toEqual(a.weights);
    // training hands Math.random back untouched
    expect(Math.random).toBe(originalRandom);
  }, 60_000);

  it('a run stopped after epoch 2 and resumed ends with exactly the weights of an uninterrupted run (dropout and DropConnect included)', async () => {
    const src = realBeats(20);
    const straightDir = join(tmp, 'straight');
    const a = tinyModel(7, true);
    const ra = await trainModel(base(a, src, { runDir: straightDir }));
    const cutDir = join(tmp, 'cut');
    const b1 = tinyModel(7, true);
    let epochs = 0;
    await trainModel(base(b1, src, { runDir: cutDir, onEvent: (e) => void (e.type === 'epoch-end' && epochs++), shouldStop: () => epochs === 2 }));
    expect(epochs).toBe(2);
    const b2 = tinyModel(7, true); // a fresh process would rebuild the model from its config
    const rb = await trainModel(base(b2, src, { runDir: cutDir, resume: true }));
    expect(rb.resumedFrom).toBe(2);
    expect(rb.history.map((h) => h.trainLoss)).toEqual(ra.history.map((h) => h.trainLoss));
    const wa = a.getWeights().map((w) => Array.from(w.dataSync()));
    const wb = b2.getWeights().map((w) => Array.from(w.dataSync()));
    expect(wb).toEqual(wa);
    // checkpoints: the newest two epochs and latest.json; the best model beside them
    expect(readdirSync(join(cutDir, 'checkpoints')).sort()).toEqual(['epoch-002', 'epoch-003', 'latest.json']);
    expect(existsSync(join(cutDir, 'best-model', 'model.json'))).toBe(true);
  }, 60_000);

  it('stops early when the monitored value stops improving', async () => {
    const src = realBeats(6);
    const events: string[] = [];
    const r = await trainModel(
      base(tinyModel(3), src, { epochs: 10, learningRate: 1e-12, schedule: { kind: 'constant' }, monitor: 'val_loss', earlyStoppingPatience: 2, onEvent: (e) => events.push(e.type) }),
    );
    expect(r.stoppedEarly).toBe(true);
    expect(r.history.length).toBeLessThan(10);
    expect(events).toContain('early-stop');
  }, 60_000);
});
