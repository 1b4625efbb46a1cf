import * as tf from '@tensorflow/tfjs';
import type { Initializer } from '@tensorflow/tfjs-layers/dist/initializers';

// tfjs-layers exports its initializer base class only as a type; take the runtime class from a
// built-in initializer so ours is a real Initializer (layers accept it, registerClass serialises it).
const InitializerBase = Object.getPrototypeOf(tf.initializers.zeros().constructor) as abstract new () => Initializer;

export interface SeededOrthogonalArgs {
  gain?: number;
  seed?: number;
}

/**
 * Orthogonal initialiser (Saxe et al.; Keras' LSTM recurrent default) computed in plain JS.
 * tfjs' own Orthogonal runs a tensor-op QR that takes seconds for a 64x256 LSTM recurrent
 * kernel on the 'cpu' backend (~6 s each measured here). Same definition: a Gaussian matrix of
 * shape [max(r,c), min(r,c)] (r = product of all but the last dim, c = last dim) is
 * orthonormalised column by column (Gram-Schmidt, applied twice for float accuracy, which equals
 * QR with a positive R diagonal), transposed when r < c, scaled by gain. The Gaussian comes from
 * a seeded mulberry32 + Box-Muller, so a seed gives the same matrix on every backend.
 */
export class SeededOrthogonal extends InitializerBase {
  static readonly className = 'SeededOrthogonal';
  readonly gain: number;
  readonly seed: number | undefined;

  constructor(args: SeededOrthogonalArgs = {}) {
    super();
    this.gain = args.gain ?? 1;
    this.seed = args.seed;
  }

  apply(shape: tf.Shape, dtype?: tf.DataType): tf.Tensor {
    if (shape.length < 2) throw new Error(`SeededOrthogonal needs a shape of rank >= 2, got [${shape}]`);
    if (dtype !== undefined && dtype !== 'float32') throw new Error(`SeededOrthogonal makes float32 weights, not ${dtype}`);
    const dims = shape as number[];
    const rows = dims.slice(0, -1).reduce((a, b) => a * b, 1);
    const cols = dims[dims.length - 1];
    const tall = Math.max(rows, cols);
    const wide = Math.min(rows, cols);
    const q = orthonormalColumns(tall, wide, gaussian(this.seed ?? Math.floor(Math.random() * 2 ** 31)));
    const out = new Float32Array(rows * cols);
    for (let i = 0; i < tall; i++) {
      for (let j = 0; j < wide; j++) {
        const v = this.gain * q[i * wide + j];
        // q is [tall, wide]; the weight is q itself when rows >= cols, else its transpose
        if (rows >= cols) out[i * cols + j] = v;
        else out[j * cols + i] = v;
      }
    }
    return tf.tensor(out, dims, 'float32');
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { gain: this.gain, seed: this.seed ?? null };
  }

  static fromConfig<T extends tf.serialization.Serializable>(cls: tf.serialization.SerializableConstructor<T>, config: tf.serialization.ConfigDict): T {
    return new cls({ gain: config['gain'], seed: config['seed'] ?? undefined });
  }
}
tf.serialization.registerClass(SeededOrthogonal);

/** [n, k] row-major matrix with orthonormal columns from Gaussian draws (modified Gram-Schmidt, twice). */
function orthonormalColumns(n: number, k: number, normal: () => number): Float64Array {
  const a = new Float64Array(n * k);
  for (let i = 0; i < a.length; i++) a[i] = normal();
  for (let j = 0; j < k; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < j; p++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += a[i * k + p] * a[i * k + j];
        for (let i = 0; i < n; i++) a[i * k + j] -= dot * a[i * k + p];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += a[i * k + j] ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) a[i * k + j] /= norm;
  }
  return a;
}

function gaussian(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
