import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@efficientecg/datasets';
import type { ExampleSource, TensorBatch } from './example-source';

/** One model input held for every example: row-major [size x ...shape]. */
export interface ArrayInput {
  /** The model input it feeds (tf.input name), e.g. "signal", "beat_features", "age". */
  name: string;
  data: Float32Array;
  shape: readonly number[];
}

export interface ArrayExampleSourceInit {
  inputs: readonly ArrayInput[];
  nClasses: number;
  labels?: Int32Array;
  multiHot?: Float32Array;
  groups: readonly string[];
  ids: readonly string[];
}

/** An input name without the "_<n>" suffix tfjs adds when a name is used again in one process. */
export function logicalInputName(name: string): string {
  return name.replace(/_\d+$/, '');
}

const strideOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * In-memory examples with one or more fixed-shape inputs (MIT-BIH beat windows
 * with their beat-feature context and age/sex, fixed-length records). Batches are
 * copied out of the flat arrays, so only a batch is ever a tensor.
 */
export class ArrayExampleSource implements ExampleSource {
  readonly size: number;
  readonly nClasses: number;
  readonly labels: Int32Array | null;
  readonly multiHot: Float32Array | null;
  readonly groups: readonly string[];
  readonly ids: readonly string[];
  readonly inputs: readonly ArrayInput[];

  constructor(init: ArrayExampleSourceInit) {
    if (init.inputs.length === 0) throw new RangeError('ArrayExampleSource: no inputs');
    this.size = init.ids.length;
    for (const input of init.inputs) {
      if (input.data.length !== this.size * strideOf(input.shape)) {
        throw new RangeError(`ArrayExampleSource: input "${input.name}" holds ${input.data.length} values, not ${this.size} examples of [${input.shape.join(', ')}]`);
      }
    }
    if ((init.labels ? 1 : 0) + (init.multiHot ? 1 : 0) !== 1) throw new RangeError('ArrayExampleSource: give labels (single-label) or multiHot (multi-label), not both');
    if (init.groups.length !== this.size || (init.labels && init.labels.length !== this.size)) throw new RangeError('ArrayExampleSource: one group and one label per example');
    this.inputs = init.inputs;
    this.nClasses = init.nClasses;
    this.labels = init.labels ?? null;
    this.multiHot = init.multiHot ?? null;
    this.groups = init.groups;
    this.ids = init.ids;
  }

  /**
   * Reorder the inputs to a model's input names (tf.LayersModel.inputNames). tfjs makes
   * layer names unique per process ("signal", then "signal_1"), so a name that is not
   * found as given is looked up without its numeric suffix.
   */
  forModel(inputNames: readonly string[]): ArrayExampleSource {
    const byName = new Map(this.inputs.map((i) => [i.name, i]));
    const find = (n: string) => byName.get(n) ?? byName.get(logicalInputName(n));
    const missing = inputNames.filter((n) => !find(n));
    if (missing.length) throw new RangeError(`ArrayExampleSource: the model wants input(s) ${missing.join(', ')}; this source has ${[...byName.keys()].join(', ')}`);
    return new ArrayExampleSource({ ...this.init(), inputs: inputNames.map((n) => find(n)!) });
  }

  batch(indices: readonly number[], _options: { training: boolean; rng: Rng }): TensorBatch {
    const b = indices.length;
    const inputs = this.inputs.map((input) => {
      const stride = strideOf(input.shape);
      const x = new Float32Array(b * stride);
      indices.forEach((i, r) => x.set(input.data.subarray(i * stride, (i + 1) * stride), r * stride));
      return tf.tensor(x, [b, ...input.shape]);
    });
    const y = new Float32Array(b * this.nClasses);
    indices.forEach((i, r) => {
      if (this.labels) y[r * this.nClasses + this.labels[i]] = 1;
      else y.set(this.multiHot!.subarray(i * this.nClasses, (i + 1) * this.nClasses), r * this.nClasses);
    });
    return { inputs, targets: tf.tensor2d(y, [b, this.nClasses]) };
  }

  /** A new source over a subset of the examples (e.g. the --quick cap). */
  subset(indices: readonly number[]): ArrayExampleSource {
    const pick = (data: Float32Array, stride: number) => {
      const out = new Float32Array(indices.length * stride);
      indices.forEach((i, r) => out.set(data.subarray(i * stride, (i + 1) * stride), r * stride));
      return out;
    };
    return new ArrayExampleSource({
      inputs: this.inputs.map((input) => ({ ...input, data: pick(input.data, strideOf(input.shape)) })),
      nClasses: this.nClasses,
      labels: this.labels ? Int32Array.from(indices, (i) => this.labels![i]) : undefined,
      multiHot: this.multiHot ? pick(this.multiHot, this.nClasses) : undefined,
      groups: indices.map((i) => this.groups[i]),
      ids: indices.map((i) => this.ids[i]),
    });
  }

  private init(): ArrayExampleSourceInit {
    return { inputs: this.inputs, nClasses: this.nClasses, labels: this.labels ?? undefined, multiHot: this.multiHot ?? undefined, groups: this.groups, ids: this.ids };
  }
}
