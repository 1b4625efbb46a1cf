import * as tf from '@tensorflow/tfjs';
import { ModelError } from '../../common/errors';
import { tfjsSeed } from '../../common/tfjs-seed';

export interface TransformerPositionEmbeddingArgs {
  /** Initialiser seed of the [tokens, d] table (truncated normal, stddev 0.02); null = random. */
  seed?: number | null;
  name?: string;
}

/**
 * Learned absolute position embedding: adds a trained [tokens, d] table to [B, tokens, d]
 * (BERT / ViT style; Vaswani et al. 2017 found learned and sinusoidal equivalent). Needs a
 * static token count, i.e. a fixed input length. Registered custom layer (survives save/load).
 */
export class TransformerPositionEmbedding extends tf.layers.Layer {
  static readonly className = 'TransformerPositionEmbedding';
  readonly seed: number | null;
  private table: tf.LayerVariable | null = null;

  constructor(args: TransformerPositionEmbeddingArgs = {}) {
    super({ name: args.name });
    this.seed = args.seed ?? null;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const [, tokens, d] = shape;
    if (shape.length !== 3 || tokens == null || d == null) {
      throw new ModelError(
        'BAD_CONFIG',
        `TransformerPositionEmbedding(${this.name})`,
        `input must be [batch, tokens, d] with a static token count, got ${JSON.stringify(shape)}`,
      );
    }
    const init = tf.initializers.truncatedNormal({ mean: 0, stddev: 0.02, seed: tfjsSeed(this.seed ?? undefined) });
    this.table = this.addWeight('embeddings', [tokens, d], 'float32', init);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => tf.add(x, this.table!.read()));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), seed: this.seed };
  }
}
tf.serialization.registerClass(TransformerPositionEmbedding);
