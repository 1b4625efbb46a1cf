import * as tf from '@tensorflow/tfjs';
import { ModelError } from '../errors';

type Initializer = ReturnType<typeof tf.initializers.varianceScaling>;

export interface SqueezeExcite1dArgs {
  /** Name prefix: layers are `<prefix>_squeeze`, `_reduce`, `_expand`, `_reshape`, `_excite`. */
  prefix: string;
  /** Width of the bottleneck (EfficientNet: max(1, floor(blockInputChannels * seRatio))). */
  seFilters: number;
  activation?: 'swish' | 'relu' | 'relu6';
  kernelInitializer?: () => Initializer;
}

/**
 * Squeeze-and-excitation on a [B, T, C] feature map: global average over time, a dense
 * bottleneck (activation), a dense expansion back to C with a sigmoid gate, and a channel-wise
 * multiply. Dense layers are the 1-D equivalent of Keras' 1x1 Conv2D on the [1, 1, C] map
 * (same parameter count: C*s + s + s*C + C).
 */
export function squeezeExcite1d(x: tf.SymbolicTensor, args: SqueezeExcite1dArgs): tf.SymbolicTensor {
  const channels = x.shape[2];
  if (x.shape.length !== 3 || typeof channels !== 'number') {
    throw new ModelError('BAD_CONFIG', `squeezeExcite1d(${args.prefix})`, `input must be [batch, length, channels]`);
  }
  if (!(Number.isInteger(args.seFilters) && args.seFilters >= 1)) {
    throw new ModelError('BAD_CONFIG', `squeezeExcite1d(${args.prefix})`, `seFilters ${args.seFilters} must be an integer >= 1`);
  }
  const p = args.prefix;
  const squeezed = tf.layers.globalAveragePooling1d({ name: `${p}_squeeze` }).apply(x) as tf.SymbolicTensor;
  const reduced = tf.layers
    .dense({
      units: args.seFilters,
      activation: args.activation ?? 'swish',
      kernelInitializer: args.kernelInitializer?.(),
      name: `${p}_reduce`,
    })
    .apply(squeezed) as tf.SymbolicTensor;
  const gate = tf.layers
    .dense({ units: channels, activation: 'sigmoid', kernelInitializer: args.kernelInitializer?.(), name: `${p}_expand` })
    .apply(reduced) as tf.SymbolicTensor;
  const gateOverTime = tf.layers.reshape({ targetShape: [1, channels], name: `${p}_reshape` }).apply(gate) as tf.SymbolicTensor;
  return tf.layers.multiply({ name: `${p}_excite` }).apply([x, gateOverTime]) as tf.SymbolicTensor;
}
