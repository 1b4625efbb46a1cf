import * as tf from '@tensorflow/tfjs';

/**
 * Doubles the channels of [B, T, C] by appending C zero channels: the parameter-free shortcut
 * of Hannun et al. where a block doubles its filters (Keras Lambda `concatenate([x, zeros_like(x)])`
 * in awni/ecg). tfjs has no Lambda layer, so this is a registered custom layer (survives save/load).
 */
export class ZeroPadChannels1d extends tf.layers.Layer {
  static readonly className = 'ZeroPadChannels1d';

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = s[s.length - 1];
    return [...s.slice(0, -1), channels == null ? null : 2 * channels];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => tf.concat([x, tf.zerosLike(x)], -1));
  }
}
tf.serialization.registerClass(ZeroPadChannels1d);
