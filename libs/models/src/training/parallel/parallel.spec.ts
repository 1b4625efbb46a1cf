import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AAMI_CLASSES, bundledSampleRoot, createRng, iterateMitdbBeats } from '@efficientecg/datasets';
import { initBackend } from '../../backend/init-backend';
import { buildReferenceNet, referenceNetSpec } from '../../backend/testing/reference-net';
import { saveModelToDir } from '../../io';
import { buildModel } from '../../registry';
import { ArrayExampleSource } from '../array-source';
import { batchNormLayers, batchStatistics, recalibrateBatchNorm, recalibrateBatchNormWith } from '../batch-norm';
import { evaluateSource, predictSource } from '../evaluate';
import { trainModel, type TrainOptions } from '../trainer';
import { checksumFloat32, defaultWorkerCount, isParallelTrainingError, ParallelTrainer, shardSizes } from './index';
import { recipeFromModel } from './recipe';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

/** Real beats of the bundled MIT-BIH records 100 and 200 (lead MLII, z-scored), N/S/V. */
function realBeats(perClass: number, leads = 1): ArrayExampleSource {
  const picked: { cls: number; w: Float32Array[]; id: string; record: string }[] = [];
  const taken = [0, 0, 0];
  for (const b of iterateMitdbBeats(bundledSampleRoot(), ['100', '200'], { channels: leads === 1 ? [0] : [0, 1] })) {
    const cls = AAMI_CLASSES.indexOf(b.aamiClass);
    if (cls > 2 || taken[cls] >= perClass) continue;
    taken[cls]++;
    picked.push({ cls, w: b.signals, id: `${b.record}:${b.sample}`, record: b.record });
  }
  const data = new Float32Array(picked.length * 256 * leads);
  picked.forEach((p, i) =>
    p.w.forEach((lead, c) => {
      const mean = lead.reduce((a, v) => a + v, 0) / 256;
      const sd = Math.sqrt(lead.reduce((a, v) => a + (v - mean) ** 2, 0) / 256) || 1;
      lead.forEach((v, t) => (data[(i * 256 + t) * leads + c] = (v - mean) / sd));
    }),
  );
  return new ArrayExampleSource({
    inputs: [{ name: 'signal', data, shape: [256, leads] }],
    nClasses: 5,
    labels: Int32Array.from(picked, (p) => p.cls),
    groups: picked.map((p) => p.record),
    ids: picked.map((p) => p.id),
  });
}

/** conv1d + dense, no batch norm and no dropout: data-parallel gradients equal full-batch ones. */
function convDense(seed: number): tf.LayersModel {
  const init = (s: number) => tf.initializers.glorotUniform({ seed: seed + s });
  const input = tf.input({ shape: [256, 1] });
  let x = tf.layers.conv1d({ filters: 8, kernelSize: 7, strides: 2, activation: 'relu', kernelInitializer: init(0) }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.maxPooling1d({ poolSize: 4 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  x = tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: init(1) }).apply(x) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 5, activation: 'softmax', kernelInitializer: init(2) }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

const options = (model: tf.LayersModel, src: ArrayExampleSource, extra: Partial<TrainOptions> = {}): TrainOptions => ({
  model,
  task: 'single-label',
  train: src,
  validation: src,
  epochs: 2,
  batchSize: 9, // shards of 5 and 4 rows, and a last batch of 3 (2 + 1)
  learningRate: 3e-3,
  schedule: { kind: 'cosine', minLearningRate: 1e-4 },
  balance: 'class-weights',
  earlyStoppingPatience: 0,
  monitor: 'val_loss',
  seed: 11,
  ...extra,
});

/** max |a - b| / max |b| over one weight. */
const relDiff = (a: Float32Array, b: Float32Array) => {
  let d = 0, m = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return d / (m || 1);
};

describe('shards and checksums', () => {
  it('splits a batch into contiguous shards differing by at most one row', () => {
    expect(shardSizes(9, 2)).toEqual([5, 4]);
    expect(shardSizes(64, 2)).toEqual([32, 32]);
    expect(shardSizes(1, 2)).toEqual([1, 0]);
    expect(shardSizes(10, 3)).toEqual([4, 3, 3]);
    expect(defaultWorkerCount()).toBeGreaterThanOrEqual(1);
  });
  it('the weights checksum changes with any single bit', () => {
    const a = Float32Array.from([1, 2, 3]);
    const b = Float32Array.from(a);
    expect(checksumFloat32([a])).toBe(checksumFloat32([b]));
    new Uint32Array(b.buffer)[1] ^= 1;
    expect(checksumFloat32([a])).not.toBe(checksumFloat32([b]));
  });
});

describe('data-parallel training on wasm worker threads', () => {
  const src = realBeats(10); // 30 real beats: 10 N, 10 S, 10 V

  it('2 workers give the weights of single-thread training up to float rounding (conv1d + dense, class weights, uneven shards)', async () => {
    const single = convDense(3);
    const r1 = await trainModel(options(single, src));
    const parallel = convDense(3);
    const r2 = await trainModel(options(parallel, src, { workers: 2, parallel: { verifyEvery: 1 } }));
    const w1 = single.getWeights().map((w) => w.dataSync() as Float32Array);
    const w2 = parallel.getWeights().map((w) => w.dataSync() as Float32Array);
    const diffs = w1.map((w, i) => relDiff(w2[i], w));
    console.log(`max relative weight difference, 2 workers vs 1 after ${r1.history.length} epochs x 4 steps: ${Math.max(...diffs).toExponential(2)}; train losses ${r1.history.map((h) => h.trainLoss.toFixed(6))} vs ${r2.history.map((h) => h.trainLoss.toFixed(6))}`);
    expect(Math.max(...diffs)).toBeLessThan(1e-5);
    expect(Math.max(...diffs)).toBeGreaterThan(0); // it did run elsewhere: summation order differs
    r1.history.forEach((h, i) => expect(r2.history[i].trainLoss).toBeCloseTo(h.trainLoss, 5));
    // the weights moved: not a comparison of two untrained models
    expect(relDiff(w1[0], convDense(3).getWeights()[0].dataSync() as Float32Array)).toBeGreaterThan(1e-3);
  });

  it('the reference net (batch norm) trains with 2 workers: loss falls, moving statistics follow, all workers hold the same weights', async () => {
    const two = realBeats(8, 2);
    const model = buildReferenceNet(referenceNetSpec(256, 2, 5));
    const engine = await ParallelTrainer.start({ model, workers: 2, task: 'single-label', classWeights: null, verifyEvery: 2 });
    try {
      const optimizer = tf.train.adam(3e-3);
      const movingBefore = model.nonTrainableWeights.map((w) => (w.read().dataSync() as Float32Array).slice());
      const losses: number[] = [];
      const rng = createRng(1);
      const all = Array.from({ length: two.size }, (_, i) => i);
      const tensors: { main: number; workers: number[] }[] = [];
      for (let step = 0; step < 6; step++) {
        const batch = two.batch(all, { training: true, rng });
        losses.push(await engine.step(batch, optimizer, step));
        tf.dispose([...batch.inputs, batch.targets]);
        tensors.push({ main: tf.memory().numTensors, workers: engine.lastTimings!.workerTensors });
      }
      // no tensor leaks step after step, in the main thread or in the workers (after the first step's Adam slots)
      expect(tensors.slice(2)).toEqual(tensors.slice(1, -1));
      console.log(`reference net, 2 workers, batch ${two.size}: losses ${losses.map((l) => l.toFixed(3)).join(' ')}`);
      expect(losses.at(-1)!).toBeLessThan(losses[0] * 0.7);
      const movingAfter = model.nonTrainableWeights.map((w) => w.read().dataSync() as Float32Array);
      expect(Math.max(...movingAfter.map((m, i) => relDiff(m, movingBefore[i])))).toBeGreaterThan(1e-3);
      const sums = await engine.verifyWeights();
      expect(sums.workers).toEqual([sums.main, sums.main]);
      optimizer.dispose();
    } finally {
      await engine.close();
    }
  });

  it('validation on the workers: inference-mode probabilities equal model.predict in this thread, with the weights of the latest change (batch-norm reference net)', async () => {
    const two = realBeats(8, 2);
    const model = buildReferenceNet(referenceNetSpec(256, 2, 5));
    const engine = await ParallelTrainer.start({ model, workers: 2, task: 'single-label', classWeights: null });
    try {
      const optimizer = tf.train.adam(3e-3);
      const rng = createRng(2);
      const all = Array.from({ length: two.size }, (_, i) => i);
      for (let step = 0; step < 3; step++) {
        const batch = two.batch(all, { training: true, rng });
        await engine.step(batch, optimizer, step);
        tf.dispose([...batch.inputs, batch.targets]);
      }
      // as the trainer does before validating: the main thread changes the BN statistics outside the engine
      recalibrateBatchNorm(model, two, { batches: 2, batchSize: 8, seed: 0, epoch: 0 });
      // batch 7 over 2 workers: shards of 4 and 3 rows, and a last batch of 3 (2 + 1)
      const here = await predictSource(model, two, 7);
      const there = await predictSource(model, two, 7, engine.predictor());
      const diff = Math.max(...Array.from(here, (p, i) => Math.abs(p - there[i])));
      console.log(`reference net, ${two.size} beats: largest |p(workers) - p(main thread)| ${diff.toExponential(2)}`);
      expect(diff).toBe(0); // the same wasm kernels row by row: validating on the workers changes no score
      const distinct = new Set(Array.from(here, (p) => p.toFixed(4))).size;
      console.log(`  ${distinct} distinct probabilities (4 decimals) of ${here.length}`);
      expect(distinct).toBeGreaterThan(10); // real, varied outputs, not a constant

      // The workers last loaded the weights of before step 3's update: a predictor made now sends the new ones.
      const batch = two.batch(all, { training: true, rng });
      await engine.step(batch, optimizer, 3);
      const inputs = two.batch(all.slice(0, 6), { training: false, rng });
      const stale = await engine.predict(inputs.inputs, false);
      const fresh = await engine.predictor()(inputs.inputs);
      const main = model.predict(inputs.inputs[0]) as tf.Tensor;
      const mainProbs = main.dataSync() as Float32Array;
      const gap = (a: Float32Array) => Math.max(...Array.from(a, (p, i) => Math.abs(p - mainProbs[i])));
      expect(gap(fresh)).toBeLessThan(1e-6);
      expect(gap(stale)).toBeGreaterThan(1e-4);
      tf.dispose([main, ...batch.inputs, batch.targets, ...inputs.inputs, inputs.targets]);
      optimizer.dispose();
    } finally {
      await engine.close();
    }
  });

  it('EfficientECG-lite from a registry recipe trains through trainModel with 2 workers, and one seed repeats it exactly (DropConnect and dropout in the workers)', async () => {
    const spec = { inputLength: 256, leads: 1, classes: 5, task: 'single-label' as const, seed: 0, lstmAE: false, fusion: false };
    const train = async () => {
      const built = buildModel('efficientecg', spec);
      const r = await trainModel(
        options(built.model, src.forModel(built.inputNames), { epochs: 3, batchSize: 15, learningRate: 3e-3, schedule: { kind: 'constant' }, workers: 2, parallel: { recipe: { kind: 'registry', name: 'efficientecg', spec }, verifyEvery: 1 } }),
      );
      return { r, weights: built.model.getWeights().map((w) => Array.from(w.dataSync())), model: built.model, inputNames: built.inputNames };
    };
    const { r, weights, model, inputNames } = await train();
    console.log(`EfficientECG-lite, 2 workers: train losses ${r.history.map((h) => h.trainLoss.toFixed(3)).join(' ')}`);
    // the last epoch's validation ran on the workers: it scores the final weights as this thread does
    const here = await evaluateSource(model, src.forModel(inputNames), { task: 'single-label', batchSize: 15 });
    expect(r.history.at(-1)!.valLoss).toBeCloseTo(here.loss, 5);
    expect(r.history.at(-1)!.valMacroF1).toBe(here.macroF1);
    expect(r.history).toHaveLength(3);
    expect(r.history.at(-1)!.trainLoss).toBeLessThan(r.history[0].trainLoss);
    const again = await train();
    expect(again.r.history.map((h) => h.trainLoss)).toEqual(r.history.map((h) => h.trainLoss));
    expect(again.weights).toEqual(weights);
  });

  it('batch-norm recalibration on the workers sets the moving statistics bit for bit as in this thread (EfficientECG-lite: DropConnect and dropout masks seeded per batch)', async () => {
    const spec = { inputLength: 256, leads: 1, classes: 5, task: 'single-label' as const, seed: 0, lstmAE: false, fusion: false };
    const here = buildModel('efficientecg', spec);
    const there = buildModel('efficientecg', spec);
    const data = src.forModel(here.inputNames);
    const moving = (m: tf.LayersModel) => m.nonTrainableWeights.map((w) => Float32Array.from(w.read().dataSync() as Float32Array));
    const before = moving(here.model);
    expect(moving(there.model)).toEqual(before);
    // 5 batches of 7 from 30 beats: groups of 2, 2 and 1 batch over the 2 workers, the last batch 2 rows
    const recalibration = { batches: 5, batchSize: 7, seed: 3, epoch: 1 };
    expect(recalibrateBatchNorm(here.model, data, recalibration)).toBe(30);
    const engine = await ParallelTrainer.start({ model: there.model, workers: 2, task: 'single-label', classWeights: null, recipe: { kind: 'registry', name: 'efficientecg', spec } });
    try {
      expect(await recalibrateBatchNormWith(there.model, data, recalibration, engine.statisticsProvider())).toBe(30);
      const a = moving(here.model), b = moving(there.model);
      const diff = Math.max(...a.map((w, i) => Math.max(...Array.from(w, (v, j) => Math.abs(v - b[i][j])))));
      console.log(`EfficientECG-lite, ${batchNormLayers(here.model).length} BN layers: largest |moving statistic (workers) - (this thread)| ${diff.toExponential(2)}`);
      expect(b).toEqual(a); // bit-identical: runs trained before this change repeat exactly
      expect(Math.max(...a.map((w, i) => relDiff(w, before[i])))).toBeGreaterThan(1e-2); // the statistics did move
      // each worker put its own moving statistics back: without reloading, it still predicts as the untrained, unrecalibrated model
      const x = data.batch([0, 1, 2, 3, 4, 5], { training: false, rng: createRng(0) });
      const original = buildModel('efficientecg', spec).model;
      const p0 = original.predict(x.inputs[0]) as tf.Tensor;
      expect(Array.from(await engine.predict(x.inputs, false))).toEqual(Array.from(p0.dataSync()));
      // and with the main weights sent, as this thread predicts after the recalibration
      const p = there.model.predict(x.inputs[0]) as tf.Tensor;
      expect(Array.from(await engine.predictor()(x.inputs))).toEqual(Array.from(p.dataSync()));
      expect(relDiff(p.dataSync() as Float32Array, p0.dataSync() as Float32Array)).toBeGreaterThan(1e-4);
      tf.dispose([p, p0, ...x.inputs, x.targets]);
      original.dispose();
    } finally {
      await engine.close();
    }
    // the masks are drawn and seeded: another seed gives other statistics; the model's own are left as they were
    const x = data.batch([0, 1, 2, 3, 4, 5, 6], { training: true, rng: createRng(0) });
    const kept = moving(here.model);
    const s1 = batchStatistics(here.model, x.inputs, 1);
    expect(batchStatistics(here.model, x.inputs, 1)).toEqual(s1);
    expect(relDiff(batchStatistics(here.model, x.inputs, 2), s1)).toBeGreaterThan(1e-6);
    expect(moving(here.model)).toEqual(kept);
    expect(s1.length).toBe(kept.filter((_, i) => /moving_(mean|variance)/.test(here.model.nonTrainableWeights[i].name)).reduce((n, w) => n + w.length, 0));
    tf.dispose([...x.inputs, x.targets]);
    here.model.dispose();
    there.model.dispose();
  });

  it('trainModel with workers validates on them (a worker whose predict is uniform gives validation loss ln 5 while training goes on)', async () => {
    const model = convDense(4);
    const preload = [join(__dirname, 'testing', 'uniform-predict.cjs')];
    const r = await trainModel(options(model, src, { workers: 2, parallel: { recipe: recipeFromModel(model, preload) } }));
    r.history.forEach((h) => expect(h.valLoss).toBeCloseTo(Math.log(5), 5));
    expect(r.history[1].trainLoss).toBeLessThan(r.history[0].trainLoss);
    // the same model scored in this thread is not uniform
    const here = await evaluateSource(model, src, { task: 'single-label', batchSize: 9 });
    expect(Math.abs(here.loss - Math.log(5))).toBeGreaterThan(0.05);
  });

  it('a run stopped and resumed with 2 workers ends with exactly the weights of an uninterrupted 2-worker run', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ecg-parallel-'));
    try {
      const a = convDense(5);
      await trainModel(options(a, src, { epochs: 3, workers: 2 }));
      let epochs = 0;
      await trainModel(options(convDense(5), src, { epochs: 3, workers: 2, runDir: dir, onEvent: (e) => void (e.type === 'epoch-end' && epochs++), shouldStop: () => epochs === 1 }));
      const b = convDense(5);
      const rb = await trainModel(options(b, src, { epochs: 3, workers: 2, runDir: dir, resume: true }));
      expect(rb.resumedFrom).toBe(1);
      expect(b.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(a.getWeights().map((w) => Array.from(w.dataSync())));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('recipes', () => {
  it('workers can build the model from a saved folder', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ecg-parallel-folder-'));
    const model = convDense(2);
    await saveModelToDir(model, dir);
    const engine = await ParallelTrainer.start({ model, workers: 2, task: 'single-label', classWeights: null, recipe: { kind: 'folder', dir } });
    try {
      const sums = await engine.verifyWeights();
      expect(sums.workers).toEqual([sums.main, sums.main]);
    } finally {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('worker failures are typed errors and leave no thread behind', () => {
  const src = realBeats(3);

  it('a recipe the worker cannot build: WORKER_START_FAILED with the worker and the cause', async () => {
    const err = await ParallelTrainer.start({ model: convDense(1), workers: 2, task: 'single-label', classWeights: null, recipe: { kind: 'registry', name: 'no-such-net', spec: { inputLength: 256, leads: 1, classes: 5, task: 'single-label', seed: 0 } } }).catch((e) => e);
    expect(isParallelTrainingError(err, 'WORKER_START_FAILED')).toBe(true);
    expect([0, 1]).toContain(err.worker);
    expect(err.message).toMatch(/unknown model "no-such-net"/);
  });

  it('a worker model of another architecture: MODEL_MISMATCH, also through trainModel', async () => {
    const recipe = { kind: 'registry' as const, name: 'efficientnet1d', spec: { inputLength: 256, leads: 1, classes: 5, task: 'single-label' as const, seed: 0 } };
    const err = await trainModel(options(convDense(1), src, { workers: 2, parallel: { recipe } })).catch((e) => e);
    expect(isParallelTrainingError(err, 'MODEL_MISMATCH')).toBe(true);
  });

  it('a worker that throws during a step: WORKER_STEP_FAILED naming the worker; the engine refuses further steps and closes', async () => {
    const engine = await ParallelTrainer.start({ model: convDense(1), workers: 2, task: 'single-label', classWeights: null });
    const optimizer = tf.train.adam(1e-3);
    const bad = { inputs: [tf.zeros([4, 128, 1])], targets: tf.oneHot(tf.tensor1d([0, 1, 2, 0], 'int32'), 5).toFloat() as tf.Tensor2D }; // 128 samples, the model wants 256
    const err = await engine.step(bad, optimizer, 0).catch((e) => e);
    expect(isParallelTrainingError(err, 'WORKER_STEP_FAILED')).toBe(true);
    expect(err.detail).toMatch(/shape/i);
    expect(isParallelTrainingError(await engine.step(bad, optimizer, 0).catch((e) => e), 'CLOSED')).toBe(true);
    await engine.close();
    tf.dispose([...bad.inputs, bad.targets]);
    optimizer.dispose();
  });

  it('a worker that throws while predicting: WORKER_STEP_FAILED with the cause; a batch too large for the result buffer: BAD_OPTION', async () => {
    const engine = await ParallelTrainer.start({ model: convDense(1), workers: 2, task: 'single-label', classWeights: null });
    try {
      const huge = tf.zeros([2 * 2_000, 256, 1]); // 2,000 rows x 5 classes per worker > the net's 4,133 weights
      const tooBig = await engine.predict([huge]).catch((e) => e);
      huge.dispose();
      expect(isParallelTrainingError(tooBig, 'BAD_OPTION')).toBe(true);
      expect(tooBig.message).toMatch(/does not fit/);
      const bad = tf.zeros([4, 128, 1]); // 128 samples, the model wants 256
      const err = await engine.predict([bad]).catch((e) => e);
      bad.dispose();
      expect(isParallelTrainingError(err, 'WORKER_STEP_FAILED')).toBe(true);
      expect(err.detail).toMatch(/shape/i);
    } finally {
      await engine.close();
    }
  });

  it('batch statistics: more batches than workers is BAD_OPTION; a worker that throws in the forward pass is WORKER_STEP_FAILED with the cause', async () => {
    const engine = await ParallelTrainer.start({ model: convDense(1), workers: 2, task: 'single-label', classWeights: null });
    try {
      const x = tf.zeros([3, 256, 1]);
      const three = await engine.batchNormStatistics([0, 1, 2].map((randomSeed) => ({ inputs: [x], randomSeed }))).catch((e) => e);
      x.dispose();
      expect(isParallelTrainingError(three, 'BAD_OPTION')).toBe(true);
      expect(three.message).toMatch(/1 to 2 batches/);
      const bad = tf.zeros([4, 128, 1]); // 128 samples, the model wants 256
      const err = await engine.batchNormStatistics([{ inputs: [bad], randomSeed: 0 }]).catch((e) => e);
      bad.dispose();
      expect(isParallelTrainingError(err, 'WORKER_STEP_FAILED')).toBe(true);
      expect(err.detail).toMatch(/shape/i);
    } finally {
      await engine.close();
    }
  });

  it('a worker thread that dies: WORKER_EXITED', async () => {
    const topology = convDense(1).toJSON(null, false) as object;
    const err = await ParallelTrainer.start({
      model: convDense(1),
      workers: 2,
      task: 'single-label',
      classWeights: null,
      recipe: { kind: 'topology', topology, preload: [join(__dirname, 'testing', 'exit-on-load.cjs')] },
    }).catch((e) => e);
    expect(isParallelTrainingError(err, 'WORKER_EXITED')).toBe(true);
    expect(err.message).toMatch(/exit code 3/);
  });

  it('a caller that never calls close() still lets its process exit (idle workers hold no event loop)', () => {
    const fixture = join(__dirname, 'testing', 'forgotten-close.ts');
    const r = spawnSync(process.execPath, ['-e', `require('tsx/cjs'); require(${JSON.stringify(fixture)})`], { cwd: __dirname, encoding: 'utf8', timeout: 90_000 });
    expect(r.error).toBeUndefined(); // a timeout would be an ETIMEDOUT error
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/loss \d/);
  });

  it('bad options: BAD_OPTION', async () => {
    const err = await ParallelTrainer.start({ model: convDense(1), workers: 0, task: 'single-label', classWeights: null }).catch((e) => e);
    expect(isParallelTrainingError(err, 'BAD_OPTION')).toBe(true);
  });
});

