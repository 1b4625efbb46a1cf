import * as tf from '@tensorflow/tfjs';
import { ModelError } from '../common';
import { tfjsSeed } from '../common/tfjs-seed';

export interface CategoricalEmbeddingArgs {
  /** Number of categories (rows of the table); indices are 0..inputDim-1. */
  inputDim: number;
  outputDim: number;
  seed?: number;
  name?: string;
}

/**
 * Embedding lookup written as oneHot(index) x table, for the small patient vocabularies (age bins,
 * sex). Same parameters and outputs as tf.layers.embedding, but its gradient is a matMul: the
 * Gather gradient (UnsortedSegmentSum) is not registered for the wasm backend in tfjs 4.22, so
 * tf.layers.embedding cannot train there. Input [B, 1] (float or int indices) -> [B, 1, outputDim].
 * An index outside 0..inputDim-1 gives a zero token (encodeAge / encodeSex never produce one).
 */
export class CategoricalEmbedding extends tf.layers.Layer {
  static readonly className = 'CategoricalEmbedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly seed: number | undefined;
  private table!: tf.LayerVariable;

  constructor(args: CategoricalEmbeddingArgs) {
    super({ name: args.name });
    for (const key of ['inputDim', 'outputDim'] as const) {
      if (!Number.isInteger(args[key]) || args[key] <= 0) throw new ModelError('BAD_CONFIG', `CategoricalEmbedding.${key}`, `must be a positive integer, got ${args[key]}`);
    }
    this.inputDim = args.inputDim;
    this.outputDim = args.outputDim;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    if (shape.length !== 2 || shape[1] !== 1) {
      throw new ModelError('BAD_CONFIG', `CategoricalEmbedding(${this.name})`, `input must be [batch, 1] category indices, got [${shape}]`);
    }
    // tf.layers.embedding's default initialiser
    this.table = this.addWeight('embeddings', [this.inputDim, this.outputDim], 'float32', tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: tfjsSeed(this.seed) }));
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return [(inputShape as tf.Shape)[0], 1, this.outputDim];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const index = tf.cast(tf.round(tf.reshape(x, [-1])), 'int32') as tf.Tensor1D;
      const oneHot = tf.cast(tf.oneHot(index, this.inputDim), 'float32') as tf.Tensor2D;
      return tf.expandDims(tf.matMul(oneHot, this.table.read() as tf.Tensor2D), 1);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), inputDim: this.inputDim, outputDim: this.outputDim, seed: this.seed ?? null };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(cls: tf.serialization.SerializableConstructor<T>, config: tf.serialization.ConfigDict): T {
    return new cls({ ...config, seed: config['seed'] ?? undefined });
  }
}
tf.serialization.registerClass(CategoricalEmbedding);
