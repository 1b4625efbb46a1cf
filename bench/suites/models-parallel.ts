import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { buildModel, buildReferenceNet, formatBackendInfo, initBackend, lossFromProbabilities, ParallelTrainer, referenceNetSpec, type TensorBatch } from '@efficientecg/models';
import type { BenchSuite } from '../harness';

/**
 * Data-parallel training (libs/models/src/training/parallel) on wasm: samples/s of one training
 * step (forward, backward, Adam) in the main thread, with 1 worker thread and with 2 (the cores
 * of the reference machine), on random inputs of the real shapes.
 */
interface Case {
  name: string;
  input: string;
  batch: number;
  /** Timed steps per configuration (after one warm-up step). */
  steps: number;
  build(): { model: tf.LayersModel; inputNames: string[] };
}

const CASES: Case[] = [
  { name: 'referenceNet', input: '64 x 256 x 2', batch: 64, steps: 4, build: () => ({ model: buildReferenceNet(referenceNetSpec(256, 2, 5)), inputNames: ['signal'] }) },
  {
    name: 'efficientEcgLite',
    input: '64 x 256 x 2 (+ beat features, age, sex)',
    batch: 64,
    steps: 4,
    build: () => buildModel('efficientecg', { inputLength: 256, leads: 2, classes: 5, task: 'single-label', seed: 0 }),
  },
  {
    name: 'efficientEcgLiteCinc2017',
    input: '16 x 3000 x 1 (+ beat features), fusion off',
    batch: 16,
    steps: 3,
    build: () => buildModel('efficientecg', { inputLength: 3000, leads: 1, classes: 4, task: 'single-label', seed: 0, fusion: false }),
  },
];

/** Random inputs of each model input's shape: categories for age/sex, ones for the beat mask. */
function randomBatch(model: tf.LayersModel, inputNames: string[], batch: number): TensorBatch {
  const inputs = model.inputs.map((input, i) => {
    const shape = [batch, ...(input.shape.slice(1) as number[])];
    const name = inputNames[i] ?? '';
    if (name === 'beat_mask') return tf.ones(shape);
    if (name === 'age' || name === 'sex') return tf.randomUniform(shape, 0, 2, 'int32', 3 + i).toFloat();
    return tf.randomNormal(shape, 0, 1, 'float32', 7 + i);
  });
  const classes = (model.outputs[0].shape[1] as number) ?? 5;
  const targets = tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, r) => r % classes), 'int32'), classes).toFloat() as tf.Tensor2D;
  return { inputs, targets };
}

async function msPerStep(step: () => Promise<unknown>, steps: number): Promise<number> {
  await step(); // warm-up: kernel set-up, Adam slots
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) await step();
  return (performance.now() - t0) / steps;
}

export const suite: BenchSuite = {
  name: 'models-parallel',
  description:
    'Data-parallel training on wasm worker threads: samples/s of a training step in the main thread vs 1 vs 2 workers, reference net 64x256x2, EfficientECG-lite 64x256x2, EfficientECG-lite CinC 2017 16x3000x1; target: 2 workers >= 1.5x 1 worker on an idle 2-core machine',
  async run({ log }) {
    const info = await initBackend({ backend: 'wasm' });
    log(formatBackendInfo(info));
    const load = os.loadavg()[0];
    if (load > os.cpus().length * 0.5) log(`note: load average ${load.toFixed(1)} on ${os.cpus().length} cores: other processes share the cores, the speed-up is understated`);
    const out: Record<string, unknown> = { cpus: os.cpus().length, loadAverage1mBefore: load };
    for (const c of CASES) {
      const { model, inputNames } = c.build();
      const batch = randomBatch(model, inputNames, c.batch);
      const vars = model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
      const inThreadOptimizer = tf.train.adam(1e-3);
      const inThreadMs = await msPerStep(async () => {
        const x = batch.inputs.length === 1 ? batch.inputs[0] : batch.inputs;
        const cost = inThreadOptimizer.minimize(() => lossFromProbabilities(model.apply(x, { training: true }) as tf.Tensor, batch.targets, 'single-label', null), true, vars)!;
        await cost.data();
        cost.dispose();
      }, c.steps);
      inThreadOptimizer.dispose();
      const workerMs: Record<number, number> = {};
      for (const workers of [1, 2]) {
        const t0 = performance.now();
        const engine = await ParallelTrainer.start({ model, workers, task: 'single-label', classWeights: null });
        const startMs = performance.now() - t0;
        const optimizer = tf.train.adam(1e-3);
        try {
          workerMs[workers] = await msPerStep(() => engine.step(batch, optimizer), c.steps);
        } finally {
          await engine.close();
          optimizer.dispose();
        }
        log(`${c.name} ${workers} worker(s): start ${(startMs / 1000).toFixed(1)} s, ${workerMs[workers].toFixed(0)} ms/step`);
      }
      const sps = (ms: number) => (c.batch / ms) * 1000;
      const r = {
        input: c.input,
        params: model.countParams(),
        inThreadSamplesPerS: sps(inThreadMs),
        worker1SamplesPerS: sps(workerMs[1]),
        workers2SamplesPerS: sps(workerMs[2]),
        speedup2vs1: workerMs[1] / workerMs[2],
        speedup2vsInThread: inThreadMs / workerMs[2],
      };
      log(
        `${c.name} (${c.input}, ${r.params} params): in-thread ${r.inThreadSamplesPerS.toFixed(1)}, 1 worker ${r.worker1SamplesPerS.toFixed(1)}, 2 workers ${r.workers2SamplesPerS.toFixed(1)} samples/s; 2 vs 1 worker x${r.speedup2vs1.toFixed(2)}, vs in-thread x${r.speedup2vsInThread.toFixed(2)}`,
      );
      out[c.name] = r;
      tf.dispose([...batch.inputs, batch.targets]);
      model.dispose();
    }
    out.loadAverage1mAfter = os.loadavg()[0];
    out.meetsTarget = CASES.every((c) => ((out[c.name] as { speedup2vs1: number }).speedup2vs1 ?? 0) >= 1.5);
    return out;
  },
};
