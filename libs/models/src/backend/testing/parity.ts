import * as tf from '@tensorflow/tfjs';
import type { NamedAttrMap } from '@tensorflow/tfjs';

/** Deterministic normal-ish samples (mulberry32 + Box-Muller) so cpu and wasm see identical inputs. */
export function randomValues(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
  return out;
}

export interface InputSpec {
  shape: number[];
  values: Float32Array;
}

export function randomInput(shape: number[], seed: number): InputSpec {
  return { shape, values: randomValues(shape.reduce((a, b) => a * b, 1), seed) };
}

/** Runs one kernel on a backend with fresh tensors and returns its output values and shape. */
export async function runKernelOn(
  backend: string,
  kernelName: string,
  inputs: Record<string, InputSpec>,
  attrs: NamedAttrMap,
): Promise<{ shape: number[]; values: Float32Array }> {
  await tf.setBackend(backend);
  const tensors: Record<string, tf.Tensor> = {};
  for (const [k, v] of Object.entries(inputs)) tensors[k] = tf.tensor(v.values, v.shape);
  const out = tf.engine().runKernel(kernelName, tensors, attrs) as tf.Tensor;
  const result = { shape: out.shape, values: out.dataSync() as Float32Array };
  tf.dispose([out, ...Object.values(tensors)]);
  return result;
}

/**
 * max |a - b| / max |b|: the error relative to the reference's scale. `minScale` floors the
 * scale for gradients that are zero in exact arithmetic (a bias feeding a batch norm or a
 * softmax over that axis), whose float values are pure rounding noise on both backends.
 */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>, minScale = 0): number {
  if (a.length !== b.length) return Infinity;
  let diff = 0, scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  scale = Math.max(scale, minScale);
  return scale === 0 ? diff : diff / scale;
}

/** Largest |value| over several arrays. */
export function maxAbs(arrays: ArrayLike<number>[]): number {
  let m = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}
