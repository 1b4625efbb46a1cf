import * as tf from '@tensorflow/tfjs';
import type { ConvInfo } from './conv-geometry';

/**
 * Filter taps of a 1-D convolution laid out so every tap is one contiguous block of memory.
 *
 * Why: wasm's Slice copies non-contiguous slices element-row by row in JS and its StridedSlice
 * is slower still (about 16 ms and 60 ms for one [64,128,1,96] tap), while a contiguous slice is
 * a single memcpy. So x goes time-major ([L, B*C], one fast transpose), is padded to whole
 * stride phases and split by phase: P[p, r] = xPadded[r*s + p]. Tap i (offset i*d = q*s + p)
 * at output o reads xPadded[o*s + i*d] = P[p, o + q]: rows q..q+outLen of phase p, contiguous.
 *
 * Applies to the 1-D layouts tfjs produces: conv1d ([B,1,L,C], filter [1,k,..]) and the
 * depthwise reshape ([B,L,1,C], filter [k,1,..]). Rows of taps and of dy are ordered (o, b).
 */
export interface TimeMajorTaps {
  /** Number of taps (filter length). */
  k: number;
  /** outLen * batch: rows of each tap. */
  rows: number;
  /** Tap i as [rows, C]. */
  tap(i: number): tf.Tensor2D;
  /** A [B, outH, outW, C'] tensor (dy) in the same row order: [rows, C']. */
  timeMajor(t: tf.Tensor): tf.Tensor2D;
}

export function oneDimensionalAxis(info: ConvInfo): 'H' | 'W' | null {
  if (info.filterWidth === 1 && info.inWidth === 1 && info.outWidth === 1) return 'H';
  if (info.filterHeight === 1 && info.inHeight === 1 && info.outHeight === 1) return 'W';
  return null;
}

export function timeMajorTaps(x: tf.Tensor4D, info: ConvInfo, axis: 'H' | 'W'): TimeMajorTaps {
  const b = info.batchSize, c = info.inChannels;
  const [len, outLen, s, d, k, padBefore] =
    axis === 'H'
      ? [info.inHeight, info.outHeight, info.strideHeight, info.dilationHeight, info.filterHeight, info.padInfo.top]
      : [info.inWidth, info.outWidth, info.strideWidth, info.dilationWidth, info.filterWidth, info.padInfo.left];
  const need = (outLen - 1) * s + (k - 1) * d + 1;
  const total = Math.ceil(need / s) * s;
  const bc = b * c;
  let xt: tf.Tensor2D = tf.reshape(tf.transpose(tf.reshape(x, [b, len, c]), [1, 0, 2]), [len, bc]);
  xt = padOrCropRows(xt, padBefore, total - padBefore - len);
  const phases = s === 1 ? tf.reshape(xt, [1, total, bc]) : tf.transpose(tf.reshape(xt, [total / s, s, bc]), [1, 0, 2]);
  const rows = outLen * b;
  return {
    k,
    rows,
    tap: (i) => {
      const offset = i * d;
      const slice = tf.slice(phases, [offset % s, Math.floor(offset / s), 0], [1, outLen, bc]);
      return tf.reshape(slice, [rows, c]);
    },
    timeMajor: (t) => {
      const ch = t.shape[3] as number;
      return tf.reshape(tf.transpose(tf.reshape(t, [b, outLen, ch]), [1, 0, 2]), [rows, ch]);
    },
  };
}

function padOrCropRows(x: tf.Tensor2D, before: number, after: number): tf.Tensor2D {
  let y = x;
  const cropBefore = Math.max(0, -before), cropAfter = Math.max(0, -after);
  if (cropBefore || cropAfter) y = tf.slice(y, [cropBefore, 0], [y.shape[0] - cropBefore - cropAfter, y.shape[1]]);
  if (before > 0 || after > 0) y = tf.pad(y, [[Math.max(0, before), Math.max(0, after)], [0, 0]]);
  return y;
}
