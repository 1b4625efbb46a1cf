import * as tf from '@tensorflow/tfjs';
import { ModelError } from '../../common/errors';
import { tfjsSeed } from '../../common/tfjs-seed';

export interface TransformerSelfAttentionArgs {
  /** Number of heads h; the model width d (input channels) must be divisible by h. */
  numHeads: number;
  /** Initialiser seed: the query, key, value and output kernels use seed, seed+1, seed+2, seed+3. */
  seed?: number | null;
  name?: string;
}

/**
 * Multi-head scaled dot-product self-attention (Vaswani et al. 2017, "Attention is all you
 * need", NeurIPS) on [B, T, d] tokens, no mask:
 *
 *   Q, K, V = x Wq + bq, x Wk + bk, x Wv + bv        (each [d, d], split into h heads of d/h)
 *   head_i  = softmax(Q_i K_i^T / sqrt(d/h)) V_i
 *   out     = concat(head_1..h) Wo + bo
 *
 * tfjs-layers 4.22 has no public MultiHeadAttention, so this is a registered custom layer (its
 * className is distinct from the cross-attention of fusion/). Weights: query_kernel,
 * query_bias, key_kernel, key_bias, value_kernel, value_bias, output_kernel, output_bias =
 * 4 (d^2 + d) parameters; kernels glorot-uniform, biases zero (Keras MultiHeadAttention).
 */
export class TransformerSelfAttention extends tf.layers.Layer {
  static readonly className = 'TransformerSelfAttention';
  readonly numHeads: number;
  readonly seed: number | null;
  private kernels: tf.LayerVariable[] = [];
  private biases: tf.LayerVariable[] = [];

  constructor(args: TransformerSelfAttentionArgs) {
    super({ name: args.name });
    if (!(Number.isInteger(args.numHeads) && args.numHeads > 0)) {
      throw new ModelError('BAD_CONFIG', 'TransformerSelfAttention.numHeads', `${args.numHeads} must be a positive integer`);
    }
    this.numHeads = args.numHeads;
    this.seed = args.seed ?? null;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const d = shape[shape.length - 1];
    if (shape.length !== 3 || d == null || d % this.numHeads !== 0) {
      throw new ModelError(
        'BAD_CONFIG',
        `TransformerSelfAttention(${this.name})`,
        `input must be [batch, tokens, d] with d divisible by ${this.numHeads} heads, got ${JSON.stringify(shape)}`,
      );
    }
    ['query', 'key', 'value', 'output'].forEach((role, i) => {
      const seed = this.seed === null ? undefined : this.seed + i;
      this.kernels.push(this.addWeight(`${role}_kernel`, [d, d], 'float32', tf.initializers.glorotUniform({ seed: tfjsSeed(seed) })));
      this.biases.push(this.addWeight(`${role}_bias`, [d], 'float32', tf.initializers.zeros()));
    });
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [batch, tokens, d] = x.shape;
      const h = this.numHeads;
      const dh = d / h;
      const flat = x.reshape([batch * tokens, d]);
      const project = (i: number, t: tf.Tensor2D) => tf.add(tf.matMul(t, this.kernels[i].read() as tf.Tensor2D), this.biases[i].read());
      // [B*T, d] -> [B, h, T, d/h]
      const heads = (i: number) => project(i, flat as tf.Tensor2D).reshape([batch, tokens, h, dh]).transpose([0, 2, 1, 3]);
      const q = heads(0);
      const k = heads(1);
      const v = heads(2);
      // explicit transpose: wasm's BatchMatMul with a transpose flag takes a slow path
      const scores = tf.matMul(q, k.transpose([0, 1, 3, 2])).mul(1 / Math.sqrt(dh));
      const context = tf.matMul(tf.softmax(scores, -1), v); // [B, h, T, d/h]
      const merged = context.transpose([0, 2, 1, 3]).reshape([batch * tokens, d]) as tf.Tensor2D;
      return project(3, merged).reshape([batch, tokens, d]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), numHeads: this.numHeads, seed: this.seed };
  }
}
tf.serialization.registerClass(TransformerSelfAttention);
