/**
 * A data-parallel training worker (runs in a worker_thread, started through worker-bootstrap.cjs).
 * It owns a wasm backend and a copy of the model; per step it loads the main thread's weights,
 * computes the gradients of its shard's loss and writes them, plus its non-trainable weights
 * after the forward pass (batch-norm moving statistics), into shared memory. It never updates
 * trainable weights itself: the main thread's optimizer does, so Adam state exists once.
 */
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../backend/init-backend';
import { batchStatistics } from '../batch-norm';
import { lossFromProbabilities } from '../evaluate';
import { withSeededMathRandom } from '../seeded-random';
import { buildFromRecipe } from './build-from-recipe';
import {
  checksumFloat32,
  CTRL,
  PER_WORKER,
  sizeOf,
  STAT_CPU_MS,
  STAT_LOSS,
  STAT_TENSORS,
  STAT_WALL_MS,
  STATS,
  STATUS_FAILED,
  threadCpuMs,
  STATUS_OK,
  W_CHECKSUM,
  W_STATUS,
  type TensorSlot,
  type WorkerCommand,
  type WorkerInit,
  type WorkerPhase,
  type WorkerReport,
} from './protocol';

const init = workerData as WorkerInit;
const control = new Int32Array(init.control);
const base = CTRL.WORKERS + PER_WORKER * init.index;
const report = (r: WorkerReport) => init.port.postMessage(r);

function finish(status: number): void {
  Atomics.store(control, base + W_STATUS, status);
  Atomics.add(control, CTRL.DONE, 1);
  Atomics.notify(control, CTRL.DONE);
}

function fail(phase: WorkerPhase, e: unknown): void {
  const err = e instanceof Error ? e : new Error(String(e));
  report({ type: 'error', phase, name: err.name, message: err.message, stack: err.stack });
  finish(STATUS_FAILED);
}

const variable = (w: tf.LayerVariable) => (w as unknown as { val: tf.Variable }).val;

async function main(): Promise<void> {
  let model: tf.LayersModel;
  try {
    await initBackend({ backend: 'wasm' });
    model = await buildFromRecipe(init.recipe);
  } catch (e) {
    fail('start', e);
    return;
  }
  const trainable = model.trainableWeights.map(variable);
  const nonTrainable = model.nonTrainableWeights.map(variable);
  const all = [...trainable, ...nonTrainable];
  report({ type: 'ready', trainable: trainable.map((v) => v.shape), nonTrainable: nonTrainable.map((v) => v.shape) });
  finish(STATUS_OK);

  const weights = new Float32Array(init.weights);
  const results = new Float32Array(init.results);
  const losses = new Float64Array(init.losses);
  const classWeights = init.classWeights;
  let inputBuffer: SharedArrayBuffer | null = null;

  /** Copy the main thread's weights in (slice: tensors must not alias shared memory the main thread rewrites). */
  const loadWeights = () => {
    let off = 0;
    for (const v of all) {
      const n = sizeOf(v.shape);
      tf.tidy(() => v.assign(tf.tensor(weights.slice(off, off + n), v.shape, 'float32')));
      off += n;
    }
  };
  const readWeights = () => all.map((v) => v.dataSync() as Float32Array);
  const tensorFrom = (slot: TensorSlot) => {
    const n = sizeOf(slot.shape);
    const view = slot.dtype === 'int32' ? new Int32Array(inputBuffer!, slot.offset * 4, n) : new Float32Array(inputBuffer!, slot.offset * 4, n);
    return tf.tensor(view.slice(), slot.shape, slot.dtype);
  };

  /** Inference-mode probabilities, row-major, into the result buffer (as predictSource computes them in the main thread). */
  const writeProbabilities = (xs: tf.Tensor[]) => {
    const probs = tf.tidy(() => model.predict(xs.length === 1 ? xs[0] : xs) as tf.Tensor);
    try {
      results.set(probs.dataSync() as Float32Array, 0);
    } finally {
      probs.dispose();
    }
  };

  let seq = 0;
  for (;;) {
    Atomics.wait(control, CTRL.SEQ, seq);
    seq = Atomics.load(control, CTRL.SEQ);
    const msg = receiveMessageOnPort(init.port)?.message as WorkerCommand | undefined;
    if (!msg || msg.cmd === 'stop') break;
    if (msg.cmd === 'verify') {
      try {
        loadWeights();
        Atomics.store(control, base + W_CHECKSUM, checksumFloat32(readWeights()));
        finish(STATUS_OK);
      } catch (e) {
        fail('verify', e);
      }
      continue;
    }
    const t0 = performance.now();
    const cpu0 = threadCpuMs();
    const recordStats = () => {
      losses[STATS * init.index + STAT_WALL_MS] = performance.now() - t0;
      losses[STATS * init.index + STAT_CPU_MS] = threadCpuMs() - cpu0;
      losses[STATS * init.index + STAT_TENSORS] = tf.memory().numTensors;
    };
    // predict and bn-stats: one forward pass over the sent rows, whose result goes back through the result buffer
    if (msg.cmd === 'predict' || msg.cmd === 'bn-stats') {
      try {
        if (msg.inputBuffer) inputBuffer = msg.inputBuffer;
        if (msg.loadWeights) loadWeights();
        if (msg.rows > 0) {
          const xs = msg.inputs.map(tensorFrom);
          try {
            if (msg.cmd === 'predict') writeProbabilities(xs);
            else results.set(batchStatistics(model, xs, msg.randomSeed), 0);
          } finally {
            tf.dispose(xs);
          }
        }
        recordStats();
        finish(STATUS_OK);
      } catch (e) {
        fail(msg.cmd, e);
      }
      continue;
    }
    try {
      if (msg.inputBuffer) inputBuffer = msg.inputBuffer;
      loadWeights();
      if (msg.checksum) Atomics.store(control, base + W_CHECKSUM, checksumFloat32(readWeights()));
      if (msg.rows > 0) {
        const xs = msg.inputs.map(tensorFrom);
        const y = tensorFrom(msg.targets);
        // The same loss closure as the single-thread trainer: training-mode apply, then the
        // (class-weighted) mean loss of this shard.
        const { value, grads } = withSeededMathRandom(msg.randomSeed, () =>
          tf.variableGrads(() => {
            const probs = model.apply(xs.length === 1 ? xs[0] : xs, { training: true }) as tf.Tensor;
            return lossFromProbabilities(probs, y, init.task, classWeights);
          }, trainable),
        );
        let off = 0;
        for (const v of trainable) {
          const g = grads[v.name];
          results.set(g.dataSync() as Float32Array, off);
          off += g.size;
        }
        for (const v of nonTrainable) {
          results.set(v.dataSync() as Float32Array, off);
          off += v.size;
        }
        losses[STATS * init.index + STAT_LOSS] = value.dataSync()[0];
        tf.dispose([value, ...Object.values(grads), ...xs, y]);
      }
      recordStats();
      finish(STATUS_OK);
    } catch (e) {
      fail('step', e);
    }
  }
  init.port.close();
  model.dispose();
}

main().catch((e) => fail('start', e));
