import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
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
      return tf.mul(x, tf.ones(x.shape.map((d, i) => d * reps[i]), x.dtype));
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
 * wasm Slice handles rank <= 4 natively and copies through JS above that. Axes that are taken
 * whole merge into their left neighbour (a free reshape), which usually brings the rank to 4.
 */
export const sliceMergeAxes: KernelOverride = {
  kernelName: tf.Slice,
  wrap: (original) => {
    const merged = kernelFromOps(({ x }, attrs) => {
      const { begin, size } = attrs as unknown as tf.SliceAttrs;
      const plan = mergeFullAxes(x.shape, begin as number[], normalizeSize(x.shape, begin, size))!;
      const out = tf.slice(tf.reshape(x, plan.shape), plan.begin, plan.size);
      return tf.reshape(out, normalizeSize(x.shape, begin, size));
    });
    return (args) => {
      const { x } = args.inputs as { x: TensorInfo };
      const { begin, size } = args.attrs as unknown as tf.SliceAttrs;
      if (x.shape.length <= 4 || !Array.isArray(begin)) return original(args);
      const plan = mergeFullAxes(x.shape, begin, normalizeSize(x.shape, begin, size));
      return plan != null && plan.shape.length <= 4 ? merged(args) : original(args);
    };
  },
};

function normalizeSize(shape: number[], begin: number | number[], size: number | number[] | undefined): number[] {
  const b = Array.isArray(begin) ? begin : shape.map(() => begin);
  const s = size == null ? shape.map(() => -1) : Array.isArray(size) ? size : shape.map(() => size);
  return s.map((v, i) => (v === -1 ? shape[i] - b[i] : v));
}

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
  sliceMergeAxes,
];

/** Builds a replacement KernelConfig that keeps the original's setup/dispose hooks. */
export function overrideConfig(original: KernelConfig, override: KernelOverride): KernelConfig {
  return { ...original, kernelFunc: override.wrap(original.kernelFunc) };
}
