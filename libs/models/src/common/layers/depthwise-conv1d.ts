import * as tf from '@tensorflow/tfjs';
import { ModelError } from '../errors';

type Initializer = ReturnType<typeof tf.initializers.varianceScaling>;

export interface DepthwiseConv1dArgs {
  /** Layer name of the depthwise convolution; the reshapes get `<name>_expand_dims` / `<name>_squeeze`. */
  name: string;
  kernelSize: number;
  strides?: number;
  padding?: 'same' | 'valid';
  depthMultiplier?: number;
  useBias?: boolean;
  depthwiseInitializer?: Initializer;
}

/**
 * Depthwise 1-D convolution for a functional model. tfjs-layers 4.22 has no depthwiseConv1d,
 * so [B, T, C] is reshaped to [B, T, 1, C], convolved by depthwiseConv2d with a [k, 1] kernel
 * and stride [s, 1], and reshaped back to [B, T', C * depthMultiplier]. The weights therefore
 * have shape [k, 1, C, depthMultiplier] (Keras' DepthwiseConv1D layout with an extra unit axis).
 * Needs a static channel count; the length may be static or not.
 */
export function depthwiseConv1d(x: tf.SymbolicTensor, args: DepthwiseConv1dArgs): tf.SymbolicTensor {
  if (x.shape.length !== 3 || typeof x.shape[2] !== 'number') {
    throw new ModelError(
      'BAD_CONFIG',
      `depthwiseConv1d(${args.name})`,
      `input must be [batch, length, channels] with known channels, got ${JSON.stringify(x.shape)}`,
    );
  }
  const channels = x.shape[2];
  const length = x.shape[1];
  const multiplier = args.depthMultiplier ?? 1;
  // a static length keeps every downstream shape static (needed by MAC counting and summaries)
  const asImage = tf.layers
    .reshape({ targetShape: [length ?? -1, 1, channels], name: `${args.name}_expand_dims` })
    .apply(x) as tf.SymbolicTensor;
  const conv = tf.layers
    .depthwiseConv2d({
      name: args.name,
      kernelSize: [args.kernelSize, 1],
      strides: [args.strides ?? 1, 1],
      padding: args.padding ?? 'same',
      depthMultiplier: multiplier,
      useBias: args.useBias ?? false,
      depthwiseInitializer: args.depthwiseInitializer,
    })
    .apply(asImage) as tf.SymbolicTensor;
  const outLength = conv.shape[1];
  return tf.layers
    .reshape({ targetShape: [outLength ?? -1, channels * multiplier], name: `${args.name}_squeeze` })
    .apply(conv) as tf.SymbolicTensor;
}
