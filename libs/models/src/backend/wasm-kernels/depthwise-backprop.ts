import * as tf from '@tensorflow/tfjs';
import type { KernelConfig } from '@tensorflow/tfjs';
import { convInfo, padOrCrop, paddedForTaps, tapSlice } from './conv-geometry';
import { kernelFromOps } from './kernel-from-ops';
import { oneDimensionalAxis, timeMajorTaps } from './time-major-taps';

/**
 * Depthwise filter gradient: dW[i, j, c, q] = sum over (b, ho, wo) of tap(i, j)[.., c] * dy[.., c*m + q].
 * One elementwise product per tap, reduced over positions by Sum over axis 0, which the
 * fast path in fast-paths.ts runs as average pooling (wasm's own Sum transposes first, and a
 * ones-row matMul repacks the product for XNNPACK on every call).
 */
export const depthwiseBackpropFilterConfig: KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: kernelFromOps(({ x, dy }, attrs) => {
    const { strides, pad, dilations, dimRoundingMode, filterShape } =
      attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
    const x4 = x as tf.Tensor4D;
    const info = convInfo(x4.shape, filterShape, strides, dilations, pad, dimRoundingMode, true, 'NHWC');
    const [fh, fw, c, m] = filterShape;
    const n = info.batchSize * info.outHeight * info.outWidth;
    const tapGradient = (tap: tf.Tensor2D, dyRows: tf.Tensor) => {
      const prod = m === 1 ? tf.mul(tap, dyRows) : tf.mul(tf.reshape(tap, [n, c, 1]), tf.reshape(dyRows, [n, c, m]));
      return tf.sum(tf.reshape(prod, [n, c * m]), 0, true); // [1, c*m]
    };
    const perTap: tf.Tensor[] = [];
    const axis = oneDimensionalAxis(info);
    if (axis != null) {
      // 1-D: contiguous time-major taps (see time-major-taps.ts)
      const taps = timeMajorTaps(x4, info, axis);
      const dyT = taps.timeMajor(dy);
      for (let i = 0; i < taps.k; i++) perTap.push(tapGradient(taps.tap(i), dyT));
    } else {
      const xp = paddedForTaps(x4, info);
      const dyFlat = tf.reshape(dy, [n, c * m]);
      for (let i = 0; i < fh; i++) {
        for (let j = 0; j < fw; j++) perTap.push(tapGradient(tf.reshape(tapSlice(xp, info, i, j), [n, c]), dyFlat));
      }
    }
    return tf.reshape(tf.concat(perTap, 0), [fh, fw, c, m]);
  }),
};

/** Inserts (s - 1) zeros after every row (sh) and column (sw) of an NHWC tensor: [B, H*sh, W*sw, C]. */
function zeroDilate(x: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  let [b, h, w, c] = x.shape;
  let y: tf.Tensor4D = x;
  if (sh > 1) {
    y = tf.pad(tf.reshape(y, [b, h, 1, w * c]), [[0, 0], [0, 0], [0, sh - 1], [0, 0]]);
    h *= sh;
    y = tf.reshape(y, [b, h, w, c]);
  }
  if (sw > 1) {
    y = tf.pad(tf.reshape(y, [b * h, w, 1, c]), [[0, 0], [0, 0], [0, sw - 1], [0, 0]]);
    w *= sw;
    y = tf.reshape(y, [b, h, w, c]);
  }
  return y;
}

/**
 * Depthwise input gradient: the full correlation of the stride-dilated dy with the spatially
 * flipped filter, run as a stride-1 'valid' depthwise convolution that wasm has (XNNPACK).
 * Padding: x index = o*s + k*d - top, so dx[i] = sum_k' dyDil[i - ((K-1)*d - top) + k'*d] * wFlip[k'].
 * With channel multiplier m > 1 each input channel sums its m output channels.
 */
export const depthwiseBackpropInputConfig: KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: kernelFromOps(({ dy, filter }, attrs) => {
    const { strides, pad, dilations, dimRoundingMode, inputShape } =
      attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
    const info = convInfo(inputShape, filter.shape, strides, dilations, pad, dimRoundingMode, true, 'NHWC');
    const [fh, fw, c, m] = filter.shape;
    const { inHeight: h, inWidth: w, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
    const dyDil = zeroDilate(dy as tf.Tensor4D, sh, sw);
    const extH = (fh - 1) * dh, extW = (fw - 1) * dw;
    const top = extH - info.padInfo.top, left = extW - info.padInfo.left;
    const bottom = h + extH - top - dyDil.shape[1];
    const right = w + extW - left - dyDil.shape[2];
    const dyPadded = padOrCrop(dyDil, top, bottom, left, right);
    const flipped = tf.reverse(tf.reshape(filter, [fh, fw, c * m, 1]), [0, 1]) as tf.Tensor4D;
    const dx = tf.depthwiseConv2d(dyPadded, flipped, 1, 'valid', 'NHWC', [dh, dw]);
    if (m === 1) return dx;
    const [b] = dx.shape;
    return tf.reshape(tf.sum(tf.reshape(dx, [b * h * w * c, m]), 1), [b, h, w, c]);
  }),
};
