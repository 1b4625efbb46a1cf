import * as tf from '@tensorflow/tfjs';
import { ModelError } from '../common';
import { tfjsSeed } from '../common/tfjs-seed';

export interface MultiHeadAttentionArgs {
  numHeads: number;
  /** Width of each head's queries and keys. */
  keyDim: number;
  /** Width of each head's values (default keyDim). */
  valueDim?: number;
  /** Output width (default: the query's last dimension, so a residual can be added). */
  outputDim?: number;
  useBias?: boolean;
  /** Seeds the four kernels (seed, seed+1, seed+2, seed+3); undefined uses tfjs' global random state. */
  seed?: number;
  name?: string;
  trainable?: boolean;
}

/**
 * Multi-head scaled dot-product attention (Vaswani et al.), the cross-attention of EfficientECG
 * (tfjs-layers 4.22 has no public MultiHeadAttention).
 *
 * call([query, keyValue]) or call([query, keyValue, keyMask]):
 *   query [B, Tq, Dq], keyValue [B, Tk, Dkv], keyMask [B, Tk] (1 = attend, 0 = ignore)
 *   Q = query Wq + bq, K = kv Wk + bk, V = kv Wv + bv, split into numHeads heads
 *   weights = softmax(Q K^T / sqrt(keyDim) + (1 - mask) * -1e9) over keys   [B, heads, Tq, Tk]
 *   output  = concat_heads(weights V) Wo + bo                                [B, Tq, outputDim]
 * attentionWeights(...) returns the weights for the same inputs (for notebooks).
 */
export class MultiHeadAttention extends tf.layers.Layer {
  static readonly className = 'MultiHeadAttention';
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  outputDim: number | null;
  readonly useBias: boolean;
  readonly seed: number | undefined;
  private wq!: tf.LayerVariable;
  private wk!: tf.LayerVariable;
  private wv!: tf.LayerVariable;
  private wo!: tf.LayerVariable;
  private bq: tf.LayerVariable | null = null;
  private bk: tf.LayerVariable | null = null;
  private bv: tf.LayerVariable | null = null;
  private bo: tf.LayerVariable | null = null;

  constructor(args: MultiHeadAttentionArgs) {
    super({ name: args.name, trainable: args.trainable });
    for (const key of ['numHeads', 'keyDim'] as const) {
      if (!Number.isInteger(args[key]) || args[key] <= 0) throw new ModelError('BAD_CONFIG', `MultiHeadAttention.${key}`, `must be a positive integer, got ${args[key]}`);
    }
    this.numHeads = args.numHeads;
    this.keyDim = args.keyDim;
    this.valueDim = args.valueDim ?? args.keyDim;
    this.outputDim = args.outputDim ?? null;
    this.useBias = args.useBias ?? true;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const [queryShape, kvShape] = this.splitShapes(inputShape);
    const dq = queryShape[queryShape.length - 1] as number;
    const dkv = kvShape[kvShape.length - 1] as number;
    const out = this.outputDim ?? dq;
    this.outputDim = out;
    const hk = this.numHeads * this.keyDim;
    const hv = this.numHeads * this.valueDim;
    const kernel = (i: number) => tf.initializers.glorotUniform({ seed: tfjsSeed(this.seed === undefined ? undefined : this.seed + i) });
    this.wq = this.addWeight('query_kernel', [dq, hk], 'float32', kernel(0));
    this.wk = this.addWeight('key_kernel', [dkv, hk], 'float32', kernel(1));
    this.wv = this.addWeight('value_kernel', [dkv, hv], 'float32', kernel(2));
    this.wo = this.addWeight('output_kernel', [hv, out], 'float32', kernel(3));
    if (this.useBias) {
      this.bq = this.addWeight('query_bias', [hk], 'float32', tf.initializers.zeros());
      this.bk = this.addWeight('key_bias', [hk], 'float32', tf.initializers.zeros());
      this.bv = this.addWeight('value_bias', [hv], 'float32', tf.initializers.zeros());
      this.bo = this.addWeight('output_bias', [out], 'float32', tf.initializers.zeros());
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [queryShape] = this.splitShapes(inputShape);
    return [queryShape[0], queryShape[1], this.outputDim ?? queryShape[queryShape.length - 1]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [query, keyValue, keyMask] = this.splitInputs(inputs);
      const { weights, values } = this.attend(query, keyValue, keyMask);
      const [b, tq] = query.shape;
      // [B, h, Tq, dv] -> [B, Tq, h * dv]
      const context = tf.reshape(tf.transpose(tf.matMul(weights, values), [0, 2, 1, 3]), [b * tq, this.numHeads * this.valueDim]);
      const out = this.project(context, this.wo, this.bo);
      return tf.reshape(out, [b, tq, this.outputDim as number]);
    });
  }

  /** Attention weights [B, numHeads, Tq, Tk] for the given inputs (sum to 1 over the keys). */
  attentionWeights(query: tf.Tensor, keyValue: tf.Tensor, keyMask?: tf.Tensor | null): tf.Tensor4D {
    if (!this.built) this.build([query.shape, keyValue.shape]);
    return tf.tidy(() => this.attend(query, keyValue, keyMask ?? null).weights);
  }

  private attend(query: tf.Tensor, keyValue: tf.Tensor, keyMask: tf.Tensor | null): { weights: tf.Tensor4D; values: tf.Tensor4D } {
    const [b, tq] = query.shape;
    const tk = keyValue.shape[1] as number;
    const heads = (x: tf.Tensor, t: number, width: number) => tf.transpose(tf.reshape(x, [b, t, this.numHeads, width]), [0, 2, 1, 3]) as tf.Tensor4D;
    const q = heads(this.project(tf.reshape(query, [b * tq, -1]), this.wq, this.bq), tq, this.keyDim);
    const kv2d = tf.reshape(keyValue, [b * tk, -1]);
    const k = heads(this.project(kv2d, this.wk, this.bk), tk, this.keyDim);
    const v = heads(this.project(kv2d, this.wv, this.bv), tk, this.valueDim);
    // K^T made explicitly: batched matMul with a transpose flag is slow on the wasm backend
    let scores = tf.mul(tf.matMul(q, tf.transpose(k, [0, 1, 3, 2])), 1 / Math.sqrt(this.keyDim));
    if (keyMask) {
      const blocked = tf.mul(tf.sub(1, tf.reshape(tf.cast(keyMask, 'float32'), [b, 1, 1, tk])), -1e9);
      scores = tf.add(scores, blocked);
    }
    return { weights: tf.softmax(scores, -1) as tf.Tensor4D, values: v };
  }

  private project(x: tf.Tensor, kernel: tf.LayerVariable, bias: tf.LayerVariable | null): tf.Tensor {
    const y = tf.matMul(x as tf.Tensor2D, kernel.read() as tf.Tensor2D);
    return bias ? tf.add(y, bias.read()) : y;
  }

  private splitShapes(inputShape: tf.Shape | tf.Shape[]): tf.Shape[] {
    const shapes = inputShape as tf.Shape[];
    if (!Array.isArray(shapes[0]) || shapes.length < 2 || shapes.length > 3) {
      throw new ModelError('BAD_CONFIG', `MultiHeadAttention(${this.name})`, 'expects inputs [query, keyValue] or [query, keyValue, keyMask]');
    }
    const [q, kv] = shapes;
    if (q.length !== 3 || kv.length !== 3) {
      throw new ModelError('BAD_CONFIG', `MultiHeadAttention(${this.name})`, `query and keyValue must be [batch, tokens, width], got [${q}] and [${kv}]`);
    }
    return shapes;
  }

  private splitInputs(inputs: tf.Tensor | tf.Tensor[]): [tf.Tensor, tf.Tensor, tf.Tensor | null] {
    if (!Array.isArray(inputs) || inputs.length < 2) {
      throw new ModelError('BAD_CONFIG', `MultiHeadAttention(${this.name})`, 'expects inputs [query, keyValue] or [query, keyValue, keyMask]');
    }
    return [inputs[0], inputs[1], inputs[2] ?? null];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      outputDim: this.outputDim,
      useBias: this.useBias,
      seed: this.seed ?? null,
    };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(cls: tf.serialization.SerializableConstructor<T>, config: tf.serialization.ConfigDict): T {
    return new cls({ ...config, outputDim: config['outputDim'] ?? undefined, seed: config['seed'] ?? undefined });
  }
}
tf.serialization.registerClass(MultiHeadAttention);
