import * as tf from '@tensorflow/tfjs';
import type { KernelConfig } from '@tensorflow/tfjs';
import { convInfo, paddedForTaps, tapSlice } from './conv-geometry';
import { kernelFromOps } from './kernel-from-ops';
import { oneDimensionalAxis, timeMajorTaps } from './time-major-taps';

/** Largest im2col block (elements) built at once; larger problems are split by filter taps. */
const MAX_PATCH_ELEMENTS = 1 << 24;

/**
 * dW[i, j, :, :] = (taps of x for (i, j))^T @ dy, for all taps at once: the tap slices are
 * concatenated along channels (im2col, laid out like the filter [kh, kw, Cin]) so one matMul
 * (XNNPACK) computes the whole filter gradient. wasm 4.22 has no Conv2DBackpropFilter.
 */
export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: kernelFromOps(({ x, dy }, attrs) => {
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    const x4 = x as tf.Tensor4D;
    const info = convInfo(x4.shape, filterShape, strides, 1, pad, dimRoundingMode, false, dataFormat);
    const [fh, fw, cin, cout] = filterShape;
    const p = info.padInfo;
    if (fh === 1 && fw === 1 && info.strideHeight === 1 && info.strideWidth === 1 && !p.top && !p.bottom && !p.left && !p.right) {
      // 1x1 stride 1 (expand/project/head convs): dW = x^T @ dy, nothing to slice
      const n = info.batchSize * info.inHeight * info.inWidth;
      return tf.reshape(tf.matMul(tf.transpose(tf.reshape(x4, [n, cin])), tf.reshape(dy, [n, cout])), filterShape);
    }
    const axis = oneDimensionalAxis(info);
    if (axis != null) {
      // 1-D: dW[tap] = tap^T @ dy per tap, taps as contiguous time-major blocks (see time-major-taps.ts)
      const taps = timeMajorTaps(x4, info, axis);
      const dyT = taps.timeMajor(dy);
      const perTap: tf.Tensor[] = [];
      for (let i = 0; i < taps.k; i++) perTap.push(tf.matMul(tf.transpose(taps.tap(i)), dyT));
      return tf.reshape(tf.stack(perTap), [fh, fw, cin, cout]);
    }
    // 2-D: im2col over all taps, one matMul
    const n = info.batchSize * info.outHeight * info.outWidth;
    const xp = paddedForTaps(x4, info);
    const dy2 = tf.reshape(dy, [n, cout]);
    const taps: [number, number][] = [];
    for (let i = 0; i < fh; i++) for (let j = 0; j < fw; j++) taps.push([i, j]);
    const perBlock = Math.max(1, Math.floor(MAX_PATCH_ELEMENTS / Math.max(1, n * cin)));
    const blocks: tf.Tensor[] = [];
    for (let t0 = 0; t0 < taps.length; t0 += perBlock) {
      const slices = taps.slice(t0, t0 + perBlock).map(([i, j]) => tapSlice(xp, info, i, j));
      const patches = slices.length === 1 ? slices[0] : tf.concat(slices, 3);
      const cols = tf.reshape(patches, [n, slices.length * cin]);
      blocks.push(tf.matMul(tf.transpose(cols), dy2));
    }
    const dw = blocks.length === 1 ? blocks[0] : tf.concat(blocks, 0);
    return tf.reshape(dw, [fh, fw, cin, cout]);
  }),
};
