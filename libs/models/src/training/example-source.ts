import type * as tf from '@tensorflow/tfjs';
import type { Rng } from '@efficientecg/datasets';

/** One batch as tensors, in the model's input order. The caller disposes them. */
export interface TensorBatch {
  inputs: tf.Tensor[];
  /** [b, k]: one-hot for single-label tasks, multi-hot for multi-label tasks. */
  targets: tf.Tensor2D;
}

/**
 * Training examples as the trainer sees them (records -> tensors). Implementations
 * keep examples in typed arrays and build tensors per batch, so the whole data set
 * is never one tensor (the wasm heap is capped at 4 GB).
 */
export interface ExampleSource {
  readonly size: number;
  readonly nClasses: number;
  /** Class index per example for single-label tasks (class weights, balancing, metrics); null for multi-label. */
  readonly labels: Int32Array | null;
  /** Multi-hot targets [size x nClasses] for multi-label tasks; null for single-label. */
  readonly multiHot: Float32Array | null;
  /** The record or patient of each example: bootstrap resamples these, never single examples. */
  readonly groups: readonly string[];
  /** Example ids for per-example prediction files. */
  readonly ids: readonly string[];
  /** `training` allows augmentation (random crops) drawn from `rng`. */
  batch(indices: readonly number[], options: { training: boolean; rng: Rng }): TensorBatch;
}
