import * as tf from '@tensorflow/tfjs';

/** Convolution geometry as tfjs computes it for the forward op (same padding rules, same output size). */
export type ConvInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;

type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

export function convInfo(
  xShape: number[],
  filterShape: number[],
  strides: number | [number, number],
  dilations: number | [number, number],
  pad: Pad,
  dimRoundingMode: 'floor' | 'round' | 'ceil' | undefined,
  depthwise: boolean,
  dataFormat: string | undefined,
): ConvInfo {
  if (dataFormat != null && dataFormat !== 'NHWC' && dataFormat !== 'channelsLast') {
    throw new Error(`wasm training kernels support NHWC only, got dataFormat ${dataFormat}`);
  }
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    dilations,
    pad,
    dimRoundingMode,
    depthwise,
    'channelsLast',
  );
}

/**
 * Pads (positive amounts) or crops (negative amounts) the two spatial axes of an NHWC tensor.
 * Crops happen when 'valid' convolutions leave trailing rows unused, or padding exceeds the
 * filter extent; pads are zeros.
 */
export function padOrCrop(x: tf.Tensor4D, top: number, bottom: number, left: number, right: number): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  const cropTop = Math.max(0, -top), cropBottom = Math.max(0, -bottom);
  const cropLeft = Math.max(0, -left), cropRight = Math.max(0, -right);
  let y = x;
  if (cropTop || cropBottom || cropLeft || cropRight) {
    y = tf.slice(y, [0, cropTop, cropLeft, 0], [b, h - cropTop - cropBottom, w - cropLeft - cropRight, c]);
  }
  const padTop = Math.max(0, top), padBottom = Math.max(0, bottom);
  const padLeft = Math.max(0, left), padRight = Math.max(0, right);
  if (padTop || padBottom || padLeft || padRight) {
    y = tf.pad(y, [[0, 0], [padTop, padBottom], [padLeft, padRight], [0, 0]]);
  }
  return y;
}

/**
 * The input pixels that filter tap (i, j) meets for every output position:
 * xPadded[:, i*dh + ho*sh, j*dw + wo*sw, :] for all (ho, wo) -> [B, outH, outW, C].
 * `xPadded` must already hold the forward padding (see paddedForTaps).
 */
export function tapSlice(xPadded: tf.Tensor4D, info: ConvInfo, i: number, j: number): tf.Tensor4D {
  const [b, , , c] = xPadded.shape;
  const r0 = i * info.dilationHeight, c0 = j * info.dilationWidth;
  const { outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw } = info;
  if (sh === 1 && sw === 1) return tf.slice(xPadded, [0, r0, c0, 0], [b, oh, ow, c]);
  return tf.stridedSlice(
    xPadded,
    [0, r0, c0, 0],
    [b, r0 + (oh - 1) * sh + 1, c0 + (ow - 1) * sw + 1, c],
    [1, sh, sw, 1],
  ) as tf.Tensor4D;
}

/** x with the forward op's top/left padding, padded or cropped at the bottom/right to exactly the rows and columns the taps read. */
export function paddedForTaps(x: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  const needH = (info.outHeight - 1) * info.strideHeight + (info.filterHeight - 1) * info.dilationHeight + 1;
  const needW = (info.outWidth - 1) * info.strideWidth + (info.filterWidth - 1) * info.dilationWidth + 1;
  const { top, left } = info.padInfo;
  return padOrCrop(x, top, needH - top - info.inHeight, left, needW - left - info.inWidth);
}
