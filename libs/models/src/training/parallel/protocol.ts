import { readFileSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import type { TaskKind } from '../evaluate';
import type { ModelRecipe } from './recipe';

/**
 * What the main thread and the workers share. Control words live in one Int32Array over a
 * SharedArrayBuffer; the main thread posts a command's details on the worker's MessagePort,
 * then bumps SEQ and notifies; a worker blocked in Atomics.wait wakes, reads the message
 * synchronously (receiveMessageOnPort), works, bumps DONE and notifies. Bulk data (weights,
 * shard inputs, gradients) never goes through messages: it is written into shared buffers.
 */
export const CTRL = {
  /** Command sequence number: the main thread increments it once per command. */
  SEQ: 0,
  /** Workers finished with the current command (or with start-up). */
  DONE: 1,
  /** Per-worker words start here, PER_WORKER words each. */
  WORKERS: 4,
} as const;
export const PER_WORKER = 4;
/** Per-worker word offsets: status of the last command, and the weights checksum it reported. */
export const W_STATUS = 0;
export const W_CHECKSUM = 1;
export const STATUS_OK = 1;
export const STATUS_FAILED = 2;

/** Float64 slots per worker: the shard's mean loss, the step's wall-clock ms and CPU ms in the worker thread, its live tensors after the step. */
export const STATS = 4;
export const STAT_LOSS = 0;
export const STAT_WALL_MS = 1;
export const STAT_CPU_MS = 2;
export const STAT_TENSORS = 3;

/**
 * CPU time of the calling thread in ms (Linux /proc/thread-self/stat, 10 ms ticks); NaN elsewhere.
 * Lets the bench tell compute from waiting for a core when other processes share the machine.
 */
export function threadCpuMs(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 1/100 s
  } catch {
    return NaN;
  }
}

export const controlWords = (workers: number) => CTRL.WORKERS + PER_WORKER * workers;

/** How a tensor of a shard sits in the worker's input buffer (offset and length in 4-byte elements). */
export interface TensorSlot {
  shape: number[];
  dtype: 'float32' | 'int32';
  offset: number;
}

export type WorkerCommand =
  | {
      cmd: 'step';
      /** Rows of this worker's shard (0: nothing to compute this step). */
      rows: number;
      inputs: TensorSlot[];
      targets: TensorSlot;
      /** A new (bigger) input buffer, sent when the previous one became too small. */
      inputBuffer?: SharedArrayBuffer;
      /** Report a checksum of the weights as loaded (the debug/test check). */
      checksum: boolean;
      /** Seed of Math.random while the worker computes this shard (tfjs draws dropout masks from it). */
      randomSeed: number;
    }
  | {
      cmd: 'predict';
      /** Rows of this worker's shard (0: nothing to compute). */
      rows: number;
      inputs: TensorSlot[];
      inputBuffer?: SharedArrayBuffer;
      /** Load the main thread's weights first (the first batch of a pass; later batches reuse them). */
      loadWeights: boolean;
    }
  | {
      cmd: 'bn-stats';
      /** Rows of the whole batch this worker runs (0: no batch for this worker this time). */
      rows: number;
      inputs: TensorSlot[];
      inputBuffer?: SharedArrayBuffer;
      loadWeights: boolean;
      /** Seed of Math.random during the forward pass (the batch's dropout masks, as in the single-thread recalibration). */
      randomSeed: number;
    }
  | { cmd: 'verify' }
  | { cmd: 'stop' };

/** What a worker was doing: starting up, or one of the commands. */
export type WorkerPhase = 'start' | 'step' | 'predict' | 'bn-stats' | 'verify';

/** Sent by a worker on its port. */
export type WorkerReport =
  | { type: 'ready'; trainable: number[][]; nonTrainable: number[][] }
  | { type: 'error'; phase: WorkerPhase; name: string; message: string; stack?: string };

/** workerData of a worker thread. */
export interface WorkerInit {
  index: number;
  port: MessagePort;
  control: SharedArrayBuffer;
  /** Main -> workers: every weight (trainable, then non-trainable), float32. */
  weights: SharedArrayBuffer;
  /** Worker -> main: gradients of the trainable weights, then the non-trainable weights after the step; after a predict command, the shard's probabilities (row-major); after bn-stats, the batch's batch-norm statistics. */
  results: SharedArrayBuffer;
  /** Worker -> main, float64 slots STATS x index + STAT_*. */
  losses: SharedArrayBuffer;
  recipe: ModelRecipe;
  task: TaskKind;
  classWeights: Float32Array | null;
}

/** Split `rows` into `parts` contiguous shards whose sizes differ by at most one (larger first). */
export function shardSizes(rows: number, parts: number): number[] {
  const base = Math.floor(rows / parts), extra = rows % parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/**
 * An exact fingerprint of float32 values (FNV-1a over their bit patterns): equal only when
 * every weight is bit-identical, and cheap enough to run every few steps.
 */
export function checksumFloat32(arrays: readonly Float32Array[]): number {
  let h = 0x811c9dc5;
  for (const a of arrays) {
    const bits = new Uint32Array(a.buffer, a.byteOffset, a.length);
    for (let i = 0; i < bits.length; i++) {
      h ^= bits[i];
      h = Math.imul(h, 0x01000193);
    }
  }
  return h | 0;
}

/** The seed of one worker's shard of a step: the step's seed with the worker index mixed in. */
export const shardRandomSeed = (stepSeed: number, worker: number) => (stepSeed ^ Math.imul(worker + 1, 0x27d4eb2f)) >>> 0;

export const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
