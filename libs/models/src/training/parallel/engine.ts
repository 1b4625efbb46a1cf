import { availableParallelism, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { batchNormLayers, batchStatisticsLength, type BatchStatisticsProvider, type StatisticsBatch } from '../batch-norm';
import type { BatchPredictor, TaskKind } from '../evaluate';
import type { TensorBatch } from '../example-source';
import { ParallelTrainingError } from './errors';
import {
  checksumFloat32,
  controlWords,
  CTRL,
  PER_WORKER,
  shardRandomSeed,
  shardSizes,
  sizeOf,
  STAT_CPU_MS,
  STAT_LOSS,
  STAT_TENSORS,
  STAT_WALL_MS,
  STATS,
  STATUS_FAILED,
  threadCpuMs,
  W_CHECKSUM,
  W_STATUS,
  type TensorSlot,
  type WorkerCommand,
  type WorkerInit,
  type WorkerPhase,
  type WorkerReport,
} from './protocol';
import { recipeFromModel, type ModelRecipe } from './recipe';

/** Settings of data-parallel training besides the worker count (TrainOptions.parallel). */
export interface ParallelOptions {
  /** How the workers build their model; default: the main model's topology JSON. */
  recipe?: ModelRecipe;
  /** Every this many steps, check that every worker's weights are bit-identical to the main thread's (0/absent: never). */
  verifyEvery?: number;
  /** Give up when the workers are not ready after this long (default 300 s: tsx compile + wasm start + model build). */
  startTimeoutMs?: number;
}

export interface ParallelTrainerOptions extends ParallelOptions {
  /** The main thread's model: it holds the authoritative weights (evaluation, checkpoints). */
  model: tf.LayersModel;
  /** Worker threads (>= 1); each computes the gradients of one shard of every batch on its own wasm backend. */
  workers: number;
  task: TaskKind;
  /** Class weights of the loss (single-label), as the single-thread trainer uses them. */
  classWeights: Float32Array | null;
}

export interface StepTimings {
  totalMs: number;
  prepareMs: number;
  waitMs: number;
  applyMs: number;
  /** CPU time of the main thread during the step (Linux; NaN elsewhere). */
  mainCpuMs: number;
  workerMs: number[];
  /** CPU time each worker thread spent on its step (Linux; NaN elsewhere): less than workerMs when it waited for a core. */
  workerCpuMs: number[];
  /** Live tensors in each worker after the step (constant from step to step: nothing leaks). */
  workerTensors: number[];
}

const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
const BOOTSTRAP = join(here, 'worker-bootstrap.cjs');
const POLL_MS = 250;

type WaitAsync = (a: Int32Array, i: number, v: number, t?: number) => { async: boolean; value: Promise<string> | string };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

const variable = (w: tf.LayerVariable) => (w as unknown as { val: tf.Variable }).val;

interface HostTensor {
  data: Float32Array | Int32Array;
  shape: number[];
  dtype: 'float32' | 'int32';
  rowLen: number;
}

/** The host copies of tensors that share their first dimension (rows), as the input buffers take them. */
function hostViews(tensors: readonly tf.Tensor[]): HostTensor[] {
  const rows = tensors[0].shape[0];
  return tensors.map((t) => {
    if (t.dtype !== 'float32' && t.dtype !== 'int32') throw new ParallelTrainingError('BAD_OPTION', null, `input dtype ${t.dtype} is not supported (float32, int32)`);
    if (t.shape[0] !== rows) throw new ParallelTrainingError('BAD_OPTION', null, `inputs disagree on the batch size (${t.shape[0]} vs ${rows} rows)`);
    return { data: t.dataSync() as Float32Array | Int32Array, shape: t.shape, dtype: t.dtype as 'float32' | 'int32', rowLen: sizeOf(t.shape.slice(1)) };
  });
}

/**
 * Data-parallel training over worker threads. Every step the batch is split into contiguous
 * shards, one per worker; each worker computes the gradient of its shard's mean loss; the main
 * thread averages them weighted by shard size (= the gradient of the full batch's mean loss) and
 * applies the average with its own optimizer; the new weights go to every worker through shared
 * memory before the next step. So there is one Adam state (checkpoints and resume are unchanged)
 * and the workers' weights are bit-identical to the main thread's by construction; `verifyEvery`
 * checks it with a checksum.
 *
 * Batch normalisation: each worker normalises with its own shard's batch statistics (like
 * PyTorch DDP without SyncBatchNorm), so with BN the gradient is not exactly the full batch's.
 * Moving mean/variance: the shard-size-weighted average of the workers' updated values
 * (values all workers agree on, e.g. frozen weights, are taken as they are, without rounding).
 */
export class ParallelTrainer {
  private readonly control: Int32Array;
  private readonly weights: Float32Array;
  private readonly results: Float32Array[];
  private readonly losses: Float64Array;
  private readonly inputBuffers: (SharedArrayBuffer | null)[];
  private readonly trainable: tf.Variable[];
  private readonly nonTrainable: tf.Variable[];
  private readonly nTrainable: number;
  private failure: ParallelTrainingError | null = null;
  /** Where the last step's (or predict's) time went (ms): main-thread preparation (batch copies, weight broadcast), waiting for the workers, averaging + optimizer (predict: gathering the rows); each worker's own time. */
  lastTimings: StepTimings | null = null;
  private closed = false;
  private steps = 0;
  private readonly exited: Promise<void>[];

  private constructor(
    private readonly o: ParallelTrainerOptions,
    private readonly workers: Worker[],
    private readonly ports: MessagePort[],
    buffers: { control: SharedArrayBuffer; weights: SharedArrayBuffer; results: SharedArrayBuffer[]; losses: SharedArrayBuffer },
  ) {
    this.control = new Int32Array(buffers.control);
    this.weights = new Float32Array(buffers.weights);
    this.results = buffers.results.map((b) => new Float32Array(b));
    this.losses = new Float64Array(buffers.losses);
    this.inputBuffers = workers.map(() => null);
    this.trainable = o.model.trainableWeights.map(variable);
    this.nonTrainable = o.model.nonTrainableWeights.map(variable);
    this.nTrainable = this.trainable.reduce((a, v) => a + v.size, 0);
    this.exited = workers.map(
      (w, i) =>
        new Promise<void>((resolve) => {
          w.on('error', (e) => this.fail(new ParallelTrainingError('WORKER_EXITED', i, `uncaught error: ${e.stack ?? e.message}`)));
          w.on('exit', (code) => {
            if (!this.closed) this.fail(new ParallelTrainingError('WORKER_EXITED', i, `the worker thread ended (exit code ${code})`));
            resolve();
          });
        }),
    );
  }

  /** Start the workers, build their models and check that their weights match the main model's. */
  static async start(o: ParallelTrainerOptions): Promise<ParallelTrainer> {
    if (!Number.isInteger(o.workers) || o.workers < 1) throw new ParallelTrainingError('BAD_OPTION', null, `workers must be an integer >= 1, got ${o.workers}`);
    const recipe = o.recipe ?? recipeFromModel(o.model);
    const total = o.model.trainableWeights.concat(o.model.nonTrainableWeights).reduce((a, w) => a + sizeOf(w.shape as number[]), 0);
    const buffers = {
      control: new SharedArrayBuffer(controlWords(o.workers) * 4),
      weights: new SharedArrayBuffer(total * 4),
      results: Array.from({ length: o.workers }, () => new SharedArrayBuffer(total * 4)),
      losses: new SharedArrayBuffer(o.workers * STATS * 8),
    };
    const ports: MessagePort[] = [];
    const workers: Worker[] = [];
    for (let i = 0; i < o.workers; i++) {
      const { port1, port2 } = new MessageChannel();
      const init: WorkerInit = {
        index: i,
        port: port2,
        control: buffers.control,
        weights: buffers.weights,
        results: buffers.results[i],
        losses: buffers.losses,
        recipe,
        task: o.task,
        classWeights: o.classWeights,
      };
      // execArgv []: the parent's flags (vitest's, tsx's loaders) are not meant for the worker
      const worker = new Worker(BOOTSTRAP, { workerData: init, transferList: [port2], execArgv: [] });
      // Idle workers must not keep the process alive (a caller that forgets close() still exits);
      // while the main thread waits for them, waitForWorkers holds the event loop open itself.
      worker.unref();
      workers.push(worker);
      ports.push(port1);
    }
    const engine = new ParallelTrainer(o, workers, ports, buffers);
    try {
      await engine.waitForWorkers('start', o.startTimeoutMs ?? 300_000);
      engine.checkShapes();
    } catch (e) {
      await engine.close();
      throw e;
    }
    return engine;
  }

  get workerCount(): number {
    return this.workers.length;
  }

  /**
   * One training step on `batch` (the caller disposes it): gradients from the workers, averaged,
   * applied by `optimizer` to the main model. Returns the batch's mean loss. `randomSeed` seeds
   * the step's dropout masks (each worker mixes in its index), so a seeded run repeats exactly.
   */
  async step(batch: TensorBatch, optimizer: tf.Optimizer, randomSeed: number): Promise<number> {
    this.assertUsable();
    const t0 = performance.now();
    const cpu0 = threadCpuMs();
    const rows = batch.targets.shape[0];
    if (rows < 1) throw new ParallelTrainingError('BAD_OPTION', null, 'an empty batch');
    const sizes = shardSizes(rows, this.workers.length);
    const shards = this.writeShards([...batch.inputs, batch.targets], sizes);
    const verify = (this.o.verifyEvery ?? 0) > 0 && this.steps % this.o.verifyEvery! === 0;
    const mainChecksum = this.writeWeights(verify);
    const commands: WorkerCommand[] = shards.map(({ slots, fresh }, w) => ({
      cmd: 'step',
      rows: sizes[w],
      inputs: slots.slice(0, -1),
      targets: slots[slots.length - 1],
      inputBuffer: fresh,
      checksum: verify,
      randomSeed: shardRandomSeed(randomSeed, w),
    }));
    const t1 = performance.now();
    await this.command(commands, 'step');
    const t2 = performance.now();
    if (verify) this.compareChecksums(mainChecksum!);
    this.steps++;

    const active = sizes.map((n, w) => ({ share: n / rows, w })).filter((s) => s.share > 0);
    // gradient of the batch mean = sum over shards of (rows_w / rows) x gradient of the shard mean
    const sum = new Float64Array(this.nTrainable);
    for (const { share, w } of active) {
      const r = this.results[w];
      for (let j = 0; j < sum.length; j++) sum[j] += share * r[j];
    }
    const grad = Float32Array.from(sum);
    tf.tidy(() => {
      let off = 0;
      const named = this.trainable.map((v) => {
        const t = tf.tensor(grad.subarray(off, off + v.size), v.shape, 'float32');
        off += v.size;
        return { name: v.name, tensor: t };
      });
      optimizer.applyGradients(named);
      this.assignNonTrainable(active);
    });
    let loss = 0;
    for (const { share, w } of active) loss += share * this.losses[STATS * w + STAT_LOSS];
    this.recordTimings(t0, t1, t2, cpu0);
    return loss;
  }

  /**
   * Inference-mode probabilities of one batch's `inputs`, row-major, computed on the workers (each
   * predicts a contiguous shard, so the batch takes about 1/N of the single-thread time; rows come
   * out exactly as `model.predict` gives them on the workers' wasm backend). `loadWeights`: send the
   * main model's current weights first, as needed whenever they changed since the workers last
   * loaded them (after a step, batch-norm recalibration or a checkpoint restore).
   */
  async predict(inputs: readonly tf.Tensor[], loadWeights = true): Promise<Float32Array> {
    this.assertUsable();
    const t0 = performance.now();
    const cpu0 = threadCpuMs();
    const rows = inputs[0]?.shape[0] ?? 0;
    if (rows < 1) throw new ParallelTrainingError('BAD_OPTION', null, 'an empty batch');
    const width = sizeOf((this.o.model.outputs[0].shape as number[]).slice(1));
    const sizes = shardSizes(rows, this.workers.length);
    if (sizes[0] * width > this.results[0].length) {
      throw new ParallelTrainingError('BAD_OPTION', null, `a shard of ${sizes[0]} rows x ${width} outputs does not fit the ${this.results[0].length}-float result buffer; predict smaller batches`);
    }
    const shards = this.writeShards(inputs, sizes);
    if (loadWeights) this.writeWeights(false);
    const t1 = performance.now();
    await this.command(
      shards.map(({ slots, fresh }, w) => ({ cmd: 'predict', rows: sizes[w], inputs: slots, inputBuffer: fresh, loadWeights })),
      'predict',
    );
    const t2 = performance.now();
    const out = new Float32Array(rows * width);
    let off = 0;
    sizes.forEach((n, w) => {
      out.set(this.results[w].subarray(0, n * width), off);
      off += n * width;
    });
    this.recordTimings(t0, t1, t2, cpu0);
    return out;
  }

  /**
   * A batch predictor for `predictSource`/`evaluateSource` that runs on the workers: the main
   * model's weights are sent with the first batch, so use it for one pass over a data set while
   * those weights stay unchanged (the trainer makes a new one for each epoch's validation).
   */
  predictor(): BatchPredictor {
    let loaded = false;
    return async (inputs) => {
      const probs = await this.predict(inputs, !loaded);
      loaded = true;
      return probs;
    };
  }

  /**
   * Batch-norm statistics (batchStatistics' layout) of training-mode forward passes of up to one
   * whole batch per worker, computed in parallel; each worker restores its moving statistics
   * afterwards. `loadWeights`: send the main model's weights first (see predict).
   */
  async batchNormStatistics(batches: readonly StatisticsBatch[], loadWeights = true): Promise<Float32Array[]> {
    this.assertUsable();
    if (batches.length < 1 || batches.length > this.workers.length) throw new ParallelTrainingError('BAD_OPTION', null, `batchNormStatistics takes 1 to ${this.workers.length} batches (one per worker), got ${batches.length}`);
    const t0 = performance.now();
    const cpu0 = threadCpuMs();
    const width = batchStatisticsLength(batchNormLayers(this.o.model));
    if (width > this.results[0].length) throw new ParallelTrainingError('BAD_OPTION', null, `${width} batch-norm statistics do not fit the ${this.results[0].length}-float result buffer`);
    // every batch checked before any buffer is written: a grown buffer must reach its worker
    const hosts = batches.map((b) => {
      if ((b.inputs[0]?.shape[0] ?? 0) < 1) throw new ParallelTrainingError('BAD_OPTION', null, 'an empty batch');
      return hostViews(b.inputs);
    });
    const commands: WorkerCommand[] = this.workers.map((_, w) => {
      const b = batches[w];
      if (!b) return { cmd: 'bn-stats', rows: 0, inputs: [], loadWeights, randomSeed: 0 };
      const rows = b.inputs[0].shape[0];
      const { slots, fresh } = this.writeWorkerInput(w, hosts[w], 0, rows);
      return { cmd: 'bn-stats', rows, inputs: slots, inputBuffer: fresh, loadWeights, randomSeed: b.randomSeed };
    });
    if (loadWeights) this.writeWeights(false);
    const t1 = performance.now();
    await this.command(commands, 'bn-stats');
    const t2 = performance.now();
    const out = batches.map((_, w) => this.results[w].slice(0, width));
    this.recordTimings(t0, t1, t2, cpu0);
    return out;
  }

  /** A BatchStatisticsProvider over the workers, for recalibrateBatchNormWith (the trainer's recalibration). */
  statisticsProvider(): BatchStatisticsProvider {
    return { workers: this.workers.length, statistics: (batches, loadWeights) => this.batchNormStatistics(batches, loadWeights) };
  }

  /** Send the main weights to every worker and check each worker's copy is bit-identical; returns the checksums. */
  async verifyWeights(): Promise<{ main: number; workers: number[] }> {
    this.assertUsable();
    const main = this.writeWeights(true)!;
    await this.command(this.workers.map(() => ({ cmd: 'verify' })), 'verify');
    return { main, workers: this.compareChecksums(main) };
  }

  /** Stop the workers and wait for their threads to end (terminating any that do not). Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.ports.forEach((p) => p.postMessage({ cmd: 'stop' } satisfies WorkerCommand));
    Atomics.add(this.control, CTRL.SEQ, 1);
    Atomics.notify(this.control, CTRL.SEQ);
    // a ref'd timer: it also keeps the event loop alive while the unref'd workers wind down
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(r, 5_000, 'timeout')));
    await Promise.all(
      this.workers.map(async (w, i) => {
        if ((await Promise.race([this.exited[i], timeout])) === 'timeout') await w.terminate();
      }),
    );
    clearTimeout(timer);
    this.ports.forEach((p) => p.close());
  }

  // --- internals ---

  /** lastTimings of a command that started at t0 (main-thread CPU cpu0), was sent at t1 and came back at t2. */
  private recordTimings(t0: number, t1: number, t2: number, cpu0: number): void {
    const t3 = performance.now();
    this.lastTimings = {
      totalMs: t3 - t0,
      prepareMs: t1 - t0,
      waitMs: t2 - t1,
      applyMs: t3 - t2,
      mainCpuMs: threadCpuMs() - cpu0,
      workerMs: this.workers.map((_, w) => this.losses[STATS * w + STAT_WALL_MS]),
      workerCpuMs: this.workers.map((_, w) => this.losses[STATS * w + STAT_CPU_MS]),
      workerTensors: this.workers.map((_, w) => this.losses[STATS * w + STAT_TENSORS]),
    };
  }

  private fail(e: ParallelTrainingError): void {
    this.failure ??= e;
  }

  private assertUsable(): void {
    if (this.failure) throw new ParallelTrainingError('CLOSED', this.failure.worker, `the engine failed earlier: ${this.failure.message}`);
    if (this.closed) throw new ParallelTrainingError('CLOSED', null, 'the engine was closed');
  }

  /**
   * Copy `tensors` (all with the same number of rows) into the workers' input buffers as
   * contiguous shards of `sizes` rows; per worker, where each tensor sits and the new buffer when
   * the old one was too small.
   */
  private writeShards(tensors: readonly tf.Tensor[], sizes: readonly number[]): { slots: TensorSlot[]; fresh?: SharedArrayBuffer }[] {
    const host = hostViews(tensors);
    let first = 0;
    return sizes.map((n, w) => {
      const written = this.writeWorkerInput(w, host, first, n);
      first += n;
      return written;
    });
  }

  /** Rows first..first+n-1 of `host` into worker w's input buffer (grown when too small). */
  private writeWorkerInput(w: number, host: readonly HostTensor[], first: number, n: number): { slots: TensorSlot[]; fresh?: SharedArrayBuffer } {
    const slots: TensorSlot[] = [];
    let offset = 0;
    for (const h of host) {
      slots.push({ shape: [n, ...h.shape.slice(1)], dtype: h.dtype, offset });
      offset += n * h.rowLen;
    }
    let fresh: SharedArrayBuffer | undefined;
    if ((this.inputBuffers[w]?.byteLength ?? 0) < offset * 4) fresh = this.inputBuffers[w] = new SharedArrayBuffer(offset * 4);
    const buffer = this.inputBuffers[w]!;
    host.forEach((h, k) => {
      const view = h.dtype === 'int32' ? new Int32Array(buffer, slots[k].offset * 4, n * h.rowLen) : new Float32Array(buffer, slots[k].offset * 4, n * h.rowLen);
      view.set(h.data.subarray(first * h.rowLen, (first + n) * h.rowLen));
    });
    return { slots, fresh };
  }

  /** Post one command per worker, wake them, and wait until all have finished. */
  private async command(commands: WorkerCommand[], phase: Exclude<WorkerPhase, 'start'>): Promise<void> {
    Atomics.store(this.control, CTRL.DONE, 0);
    commands.forEach((c, w) => {
      Atomics.store(this.control, CTRL.WORKERS + PER_WORKER * w + W_STATUS, 0);
      this.ports[w].postMessage(c);
    });
    Atomics.add(this.control, CTRL.SEQ, 1);
    Atomics.notify(this.control, CTRL.SEQ);
    await this.waitForWorkers(phase, Infinity);
  }

  private async waitForWorkers(phase: WorkerPhase, timeoutMs: number): Promise<void> {
    // Atomics.waitAsync does not keep Node's event loop alive, and the workers are unref'd.
    const keepAlive = setInterval(() => undefined, 1 << 30);
    try {
      await this.pollDone(phase, timeoutMs);
    } finally {
      clearInterval(keepAlive);
    }
    const error = this.reportedError(phase);
    if (error) throw error;
  }

  private async pollDone(phase: WorkerPhase, timeoutMs: number): Promise<void> {
    const t0 = Date.now();
    for (;;) {
      const done = Atomics.load(this.control, CTRL.DONE);
      if (done >= this.workers.length) break;
      // a worker that reported its error may have ended since: its report is the better message
      if (this.failure) throw this.reportedError(phase) ?? this.failure;
      if (Date.now() - t0 > timeoutMs) throw new ParallelTrainingError('WORKER_START_FAILED', null, `workers not ready after ${timeoutMs} ms`);
      const r = waitAsync(this.control, CTRL.DONE, done, POLL_MS);
      if (r.async) await r.value;
    }
  }

  /** The first error a worker reported for the current command, as a typed error (null: none). */
  private reportedError(phase: WorkerPhase): ParallelTrainingError | null {
    for (let w = 0; w < this.workers.length; w++) {
      if (Atomics.load(this.control, CTRL.WORKERS + PER_WORKER * w + W_STATUS) !== STATUS_FAILED) continue;
      const report = this.nextReport(w, 'error');
      const detail = report ? `${report.name}: ${report.message}${report.stack ? `\n${report.stack}` : ''}` : 'failed without a report';
      const error = new ParallelTrainingError(phase === 'start' ? 'WORKER_START_FAILED' : 'WORKER_STEP_FAILED', w, detail);
      this.fail(error);
      return error;
    }
    return null;
  }

  private nextReport<T extends WorkerReport['type']>(w: number, type: T): Extract<WorkerReport, { type: T }> | null {
    for (let m = receiveMessageOnPort(this.ports[w]); m; m = receiveMessageOnPort(this.ports[w])) {
      const report = m.message as WorkerReport;
      if (report.type === type) return report as Extract<WorkerReport, { type: T }>;
    }
    return null;
  }

  /** Workers must hold the same weights in the same order and shapes, and agree on what is trainable. */
  private checkShapes(): void {
    const key = (shapes: readonly (readonly number[])[]) => shapes.map((s) => `[${s.join(',')}]`).join(' ');
    const mainTrainable = key(this.trainable.map((v) => v.shape));
    const mainOther = key(this.nonTrainable.map((v) => v.shape));
    for (let w = 0; w < this.workers.length; w++) {
      const ready = this.nextReport(w, 'ready');
      if (!ready) throw new ParallelTrainingError('WORKER_START_FAILED', w, 'no ready report');
      if (key(ready.trainable) !== mainTrainable || key(ready.nonTrainable) !== mainOther) {
        const error = new ParallelTrainingError(
          'MODEL_MISMATCH',
          w,
          `the worker's model has ${ready.trainable.length} trainable + ${ready.nonTrainable.length} other weights, the main model ${this.trainable.length} + ${this.nonTrainable.length}, or their shapes differ (recipe ${this.o.recipe?.kind ?? 'topology'})`,
        );
        this.fail(error);
        throw error;
      }
    }
  }

  /** Main weights (trainable, then non-trainable) into shared memory; their checksum when asked. */
  private writeWeights(withChecksum: boolean): number | null {
    const arrays: Float32Array[] = [];
    let off = 0;
    for (const v of [...this.trainable, ...this.nonTrainable]) {
      const data = v.dataSync() as Float32Array;
      this.weights.set(data, off);
      off += data.length;
      if (withChecksum) arrays.push(data);
    }
    return withChecksum ? checksumFloat32(arrays) : null;
  }

  private compareChecksums(main: number): number[] {
    const sums = this.workers.map((_, w) => Atomics.load(this.control, CTRL.WORKERS + PER_WORKER * w + W_CHECKSUM));
    const bad = sums.findIndex((s) => s !== main);
    if (bad >= 0) {
      const error = new ParallelTrainingError('WEIGHTS_DIVERGED', bad, `weights checksum ${sums[bad]} != main thread's ${main} after ${this.steps} steps`);
      this.fail(error);
      throw error;
    }
    return sums;
  }

  /** Moving statistics (and any other non-trainable weight) from the workers' forward passes. */
  private assignNonTrainable(active: { share: number; w: number }[]): void {
    let off = this.nTrainable;
    for (const v of this.nonTrainable) {
      const out = new Float32Array(v.size);
      const first = this.results[active[0].w];
      for (let j = 0; j < out.length; j++) {
        const a = first[off + j];
        let same = true, avg = 0;
        for (const { share, w } of active) {
          const x = this.results[w][off + j];
          same &&= x === a;
          avg += share * x;
        }
        out[j] = same ? a : avg;
      }
      v.assign(tf.tensor(out, v.shape, 'float32'));
      off += v.size;
    }
  }
}

/** Start a data-parallel trainer (see ParallelTrainer). */
export function startParallelTrainer(o: ParallelTrainerOptions): Promise<ParallelTrainer> {
  return ParallelTrainer.start(o);
}

/** Worker threads to use by default: the cores Node sees. */
export function defaultWorkerCount(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
}
