import * as tf from '@tensorflow/tfjs';
import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { convInfo } from './conv-geometry';
import { kernelFromOps } from './kernel-from-ops';

/**
 * Replacements for wasm kernels that exist but are slow on the shapes training produces.
 * Each wraps the original kernel and only takes over the case it is faster for; everything
 * else goes to the original. Numbers are measured in bench/suites/models-backend.ts.
 */
export interface KernelOverride {
  kernelName: string;
  /** Returns a kernelFunc that handles the fast case and calls `original` otherwise. */
  wrap(original: KernelFunc): KernelFunc;
}

/**
 * BatchMatMul with transposeA/transposeB takes a slow non-XNNPACK path in wasm 4.22.
 * matMul gradients always ask for transposes, so transpose explicitly and multiply plainly.
 */
export const batchMatMulTransposeFirst: KernelOverride = {
  kernelName: tf.BatchMatMul,
  wrap: (original) => {
    const viaTranspose = kernelFromOps(({ a, b }, attrs) => {
      const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
      return tf.matMul(transposeA ? swapLastTwo(a) : a, transposeB ? swapLastTwo(b) : b);
    });
    return (args) => {
      const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
      return transposeA || transposeB ? viaTranspose(args) : original(args);
    };
  },
};

function swapLastTwo(t: tf.Tensor): tf.Tensor {
  const perm = t.shape.map((_, i) => i);
  const r = perm.length;
  [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
  return tf.transpose(t, perm);
}

/**
 * Conv2DBackpropInput for a 1x1 stride-1 filter (every expand/project/head conv of an MBConv
 * net) is dy @ W^T: one XNNPACK matMul instead of wasm's slow generic transposed convolution.
 */
export const conv2dBackpropInputPointwise: KernelOverride = {
  kernelName: tf.Conv2DBackpropInput,
  wrap: (original) => {
    const pointwise = kernelFromOps(({ dy, filter }, attrs) => {
      const { inputShape } = attrs as unknown as tf.Conv2DBackpropInputAttrs;
      const [, , cin, cout] = filter.shape;
      const dy2 = tf.reshape(dy, [-1, cout]);
      const wT = tf.transpose(tf.reshape(filter, [cin, cout]));
      return tf.reshape(tf.matMul(dy2, wT), inputShape);
    });
    return (args) => {
      const { filter } = args.inputs as { filter: TensorInfo };
      const a = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
      const [fh, fw] = filter.shape;
      if (fh === 1 && fw === 1 && (a.dataFormat == null || a.dataFormat === 'NHWC')) {
        const info = convInfo(a.inputShape, filter.shape, a.strides, 1, a.pad, a.dimRoundingMode, false, a.dataFormat);
        const p = info.padInfo;
        if (info.strideHeight === 1 && info.strideWidth === 1 && !p.top && !p.bottom && !p.left && !p.right) {
          return pointwise(args);
        }
      }
      return original(args);
    };
  },
};

/**
 * Tile that only repeats axes of size 1 (the batch-norm gradient tiles [1,1,1,C] to [1,B,T,C])
 * is a broadcast: multiply by ones, which wasm does far faster than its generic Tile loop.
 */
export const tileAsBroadcast: KernelOverride = {
  kernelName: tf.Tile,
  wrap: (original) => {
    const broadcast = kernelFromOps(({ x }, attrs) => {
      const { reps } = attrs as unknown as tf.TileAttrs;
      return tf.mul(x, tf.fill(x.shape.map((d, i) => d * reps[i]), 1, 'float32')); // Fill runs in wasm; tf.ones fills in JS
    });
    return (args) => {
      const { x } = args.inputs as { x: TensorInfo };
      const { reps } = args.attrs as unknown as tf.TileAttrs;
      const onlyUnitAxes = x.dtype === 'float32' && x.shape.every((d, i) => reps[i] === 1 || d === 1);
      return onlyUnitAxes ? broadcast(args) : original(args);
    };
  },
};

/**
 * wasm Slice starts with readSync(x), which copies the WHOLE input out of the heap, then copies
 * the slice in JS (rank > 4 through an even slower generic path): ~6 ms per tap slice of a
 * [64,128,1,96] tensor. Here the slice is copied straight between heap views, one
 * TypedArray.set per contiguous run (axes taken whole are merged into their left neighbour first).
 */
interface HeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

export const sliceFromHeap: KernelOverride = {
  kernelName: tf.Slice,
  wrap: (original) => (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === 'string' || x.dtype === 'complex64' || x.shape.length === 0) return original(args);
    const { begin, size } = args.attrs as unknown as tf.SliceAttrs;
    const [b, sz] = tf.slice_util.parseSliceParams(x as tf.TensorInfo as tf.Tensor, begin, size);
    const backend = args.backend as unknown as HeapBackend;
    const out = backend.makeOutput(sz, x.dtype);
    if (sz.some((d) => d === 0)) return out;
    const plan = mergeFullAxes(x.shape, b, sz)!;
    // views only after makeOutput: a heap growth there would detach earlier views
    const src = backend.typedArrayFromHeap(x), dst = backend.typedArrayFromHeap(out);
    copyRuns(asBytes(src), asBytes(dst), src.BYTES_PER_ELEMENT, plan.shape, plan.begin, plan.size);
    return out;
  },
};

/** Copies a slice (last axis = contiguous run) byte-wise, odometer over the outer axes. */
function copyRuns(src: Uint8Array, dst: Uint8Array, bytesPerElement: number, shape: number[], begin: number[], size: number[]): void {
  const rank = shape.length;
  const strides = new Array<number>(rank);
  strides[rank - 1] = bytesPerElement;
  for (let i = rank - 2; i >= 0; i--) strides[i] = strides[i + 1] * shape[i + 1];
  const run = size[rank - 1] * bytesPerElement;
  const total = size.reduce((acc, v) => acc * v, 1) * bytesPerElement;
  const idx = new Array<number>(Math.max(0, rank - 1)).fill(0);
  for (let written = 0; written < total; written += run) {
    let offset = begin[rank - 1] * bytesPerElement;
    for (let i = 0; i < rank - 1; i++) offset += (begin[i] + idx[i]) * strides[i];
    dst.set(src.subarray(offset, offset + run), written);
    for (let i = rank - 2; i >= 0; i--) {
      if (++idx[i] < size[i]) break;
      idx[i] = 0;
    }
  }
}

const asBytes = (a: Float32Array | Int32Array | Uint8Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * Sum/Mean over one contiguous block of axes that leaves the last axis (bias and batch-norm
 * gradients and moments over [B, T, 1, C]; squeeze-excitation pooling and its gradient over
 * [B, T, C] per example). wasm's own kernel transposes the reduced axes innermost first, and a
 * ones-row matMul repacks the whole activation for XNNPACK on every call (~0.8 ms for
 * [376, 576]); XNNPACK average pooling over a [P, R, 1, Q] view with an [R, 1] window reads it
 * once (~0.15 ms). Sum is that mean times R.
 */
export function pooledReductionShape(shape: readonly number[], axis: number | number[]): { outer: number; reduced: number; inner: number } | null {
  const rank = shape.length;
  if (rank < 2) return null;
  const axes = [...new Set(tf.util.parseAxisParam(axis, [...shape]))].sort((p, q) => p - q);
  if (axes.length === 0) return null;
  const first = axes[0], last = axes[axes.length - 1];
  if (last - first + 1 !== axes.length || last === rank - 1) return null;
  const product = (a: readonly number[]) => a.reduce((acc, v) => acc * v, 1);
  return { outer: product(shape.slice(0, first)), reduced: product(shape.slice(first, last + 1)), inner: product(shape.slice(last + 1)) };
}

function pooledReduction(kernelName: string, mean: boolean): KernelOverride {
  return {
    kernelName,
    wrap: (original) => {
      const viaPool = kernelFromOps(({ x }, attrs) => {
        const { axis, keepDims } = attrs as unknown as tf.SumAttrs;
        const { outer, reduced, inner } = pooledReductionShape(x.shape, axis)!;
        const axes = tf.util.parseAxisParam(axis, x.shape);
        const pooled = tf.avgPool(tf.reshape(x, [outer, reduced, 1, inner]) as tf.Tensor4D, [reduced, 1], 1, 'valid');
        const r = mean ? pooled : tf.mul(pooled, tf.scalar(reduced, 'float32'));
        return tf.reshape(r, keepDims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i)));
      });
      return (args) => {
        const { x } = args.inputs as { x: TensorInfo };
        const { axis } = args.attrs as unknown as tf.SumAttrs;
        const plan = x.dtype === 'float32' ? pooledReductionShape(x.shape, axis) : null;
        return plan && plan.reduced > 1 ? viaPool(args) : original(args);
      };
    },
  };
}

export const sumOverAxisBlock = pooledReduction(tf.Sum, false);
export const meanOverAxisBlock = pooledReduction(tf.Mean, true);

/**
 * wasm's Identity copies its input into a new buffer (about 2,000 calls per EfficientECG
 * training step, mostly from gradients). Sharing the buffer with one more reference is what the
 * cpu backend does; no wasm kernel writes into its inputs, so a shared buffer never changes.
 */
export const identitySharesBuffer: KernelOverride = {
  kernelName: tf.Identity,
  wrap: (original) => (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === 'string' || x.dtype === 'complex64') return original(args);
    (args.backend as KernelBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  },
};

/** Merges every axis taken whole (begin 0, full size) into the axis on its left. */
export function mergeFullAxes(
  shape: number[],
  begin: number[],
  size: number[],
): { shape: number[]; begin: number[]; size: number[] } | null {
  if (begin.length !== shape.length || size.length !== shape.length) return null;
  const out = { shape: [shape[0]], begin: [begin[0]], size: [size[0]] };
  for (let i = 1; i < shape.length; i++) {
    const whole = begin[i] === 0 && size[i] === shape[i];
    const last = out.shape.length - 1;
    if (whole) {
      out.shape[last] *= shape[i];
      out.begin[last] *= shape[i];
      out.size[last] *= shape[i];
    } else {
      out.shape.push(shape[i]);
      out.begin.push(begin[i]);
      out.size.push(size[i]);
    }
  }
  return out;
}

export const fastPathOverrides: KernelOverride[] = [
  batchMatMulTransposeFirst,
  conv2dBackpropInputPointwise,
  tileAsBroadcast,
  sliceFromHeap,
  sumOverAxisBlock,
  meanOverAxisBlock,
  identitySharesBuffer,
];

/** Builds a replacement KernelConfig that keeps the original's setup/dispose hooks. */
export function overrideConfig(original: KernelConfig, override: KernelOverride): KernelConfig {
  return { ...original, kernelFunc: override.wrap(original.kernelFunc) };
}
