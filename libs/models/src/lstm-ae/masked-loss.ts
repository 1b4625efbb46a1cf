import * as tf from '@tensorflow/tfjs';

/**
 * Mean squared error over the present entries only: sum(mask * (pred - target)^2) / sum(mask).
 * Masked entries are removed with tf.where (not multiplied by 0), so a NaN or Inf target under
 * the mask changes neither the loss nor any gradient. A batch with no present entry gives 0.
 */
export function maskedMse(target: tf.Tensor, prediction: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const present = tf.greater(mask, 0);
    const error = tf.where(present, tf.sub(prediction, target), tf.zerosLike(prediction));
    const count = tf.maximum(tf.sum(tf.cast(present, 'float32')), 1);
    return tf.div(tf.sum(tf.square(error)), count) as tf.Scalar;
  });
}

/**
 * The same loss for model.compile, which passes one y_true: pack values and mask along the
 * last axis (packTargets) and compile with `loss: maskedMseLoss`. pretrainLstmAutoencoder does
 * not need this (it runs its own training step); it exists for callers who prefer model.fit.
 */
export function maskedMseLoss(packed: tf.Tensor, prediction: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const n = prediction.shape[prediction.rank - 1];
    const [target, mask] = tf.split(packed, [n, n], -1);
    return maskedMse(target, prediction, mask);
  });
}

/** [..., F] values and [..., F] mask -> [..., 2F] for maskedMseLoss. */
export function packTargets(values: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  return tf.concat([values, tf.cast(mask, 'float32')], -1);
}
