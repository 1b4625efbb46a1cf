import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@efficientecg/datasets';
import type { ExampleSource, TensorBatch } from './example-source';

export interface ArrayExampleSourceInit {
  /** Examples of one fixed shape, row-major [size x ...shape]. */
  data: Float32Array;
  shape: readonly number[];
  nClasses: number;
  labels?: Int32Array;
  multiHot?: Float32Array;
  groups: readonly string[];
  ids: readonly string[];
}

/**
 * In-memory examples of one fixed shape and one model input (MIT-BIH beat windows,
 * fixed-length records). Batches are copied out of the flat array, so only a batch
 * is ever a tensor.
 */
export class ArrayExampleSource implements ExampleSource {
  readonly size: number;
  readonly nClasses: number;
  readonly labels: Int32Array | null;
  readonly multiHot: Float32Array | null;
  readonly groups: readonly string[];
  readonly ids: readonly string[];
  private readonly data: Float32Array;
  private readonly shape: readonly number[];
  private readonly stride: number;

  constructor(init: ArrayExampleSourceInit) {
    this.stride = init.shape.reduce((a, b) => a * b, 1);
    this.size = init.data.length / this.stride;
    if (!Number.isInteger(this.size)) throw new RangeError(`ArrayExampleSource: ${init.data.length} values are not a whole number of [${init.shape.join(', ')}] examples`);
    if ((init.labels ? 1 : 0) + (init.multiHot ? 1 : 0) !== 1) throw new RangeError('ArrayExampleSource: give labels (single-label) or multiHot (multi-label), not both');
    if (init.groups.length !== this.size || init.ids.length !== this.size) throw new RangeError('ArrayExampleSource: one group and one id per example');
    this.data = init.data;
    this.shape = init.shape;
    this.nClasses = init.nClasses;
    this.labels = init.labels ?? null;
    this.multiHot = init.multiHot ?? null;
    this.groups = init.groups;
    this.ids = init.ids;
  }

  batch(indices: readonly number[], _options: { training: boolean; rng: Rng }): TensorBatch {
    const b = indices.length;
    const x = new Float32Array(b * this.stride);
    const y = new Float32Array(b * this.nClasses);
    indices.forEach((i, r) => {
      x.set(this.data.subarray(i * this.stride, (i + 1) * this.stride), r * this.stride);
      if (this.labels) y[r * this.nClasses + this.labels[i]] = 1;
      else y.set(this.multiHot!.subarray(i * this.nClasses, (i + 1) * this.nClasses), r * this.nClasses);
    });
    return { inputs: [tf.tensor(x, [b, ...this.shape])], targets: tf.tensor2d(y, [b, this.nClasses]) };
  }

  /** A new source over a subset of the examples (e.g. the --quick cap). */
  subset(indices: readonly number[]): ArrayExampleSource {
    const data = new Float32Array(indices.length * this.stride);
    indices.forEach((i, r) => data.set(this.data.subarray(i * this.stride, (i + 1) * this.stride), r * this.stride));
    return new ArrayExampleSource({
      data,
      shape: this.shape,
      nClasses: this.nClasses,
      labels: this.labels ? Int32Array.from(indices, (i) => this.labels![i]) : undefined,
      multiHot: this.multiHot ? Float32Array.from(indices.flatMap((i) => Array.from(this.multiHot!.subarray(i * this.nClasses, (i + 1) * this.nClasses)))) : undefined,
      groups: indices.map((i) => this.groups[i]),
      ids: indices.map((i) => this.ids[i]),
    });
  }
}
