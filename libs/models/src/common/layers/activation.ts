import * as tf from '@tensorflow/tfjs';

/**
 * Swish / SiLU, x * sigmoid(x), as a named layer. tfjs-layers 4.22 ships it as the built-in
 * activation 'swish', so models serialise without a custom class.
 */
export function swish(name: string): tf.layers.Layer {
  return tf.layers.activation({ activation: 'swish', name });
}
