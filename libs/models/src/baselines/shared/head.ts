import * as tf from '@tensorflow/tfjs';

/** softmax for single-label sets, sigmoid for multi-label sets, linear for logits. */
export type BaselineClassifierActivation = 'softmax' | 'sigmoid' | 'linear';
export const CLASSIFIER_ACTIVATIONS: readonly BaselineClassifierActivation[] = ['softmax', 'sigmoid', 'linear'];

export const applyLayer = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]): tf.SymbolicTensor =>
  layer.apply(x) as tf.SymbolicTensor;

/**
 * The record/beat-level head every baseline ends with: global average pooling over time,
 * optional dropout, dense `classes` (names `avg_pool`, `top_dropout`, `predictions`).
 */
export function poolAndClassify(
  x: tf.SymbolicTensor,
  args: {
    classes: number;
    activation: BaselineClassifierActivation;
    dropoutRate: number;
    kernelInitializer: ReturnType<typeof tf.initializers.glorotUniform>;
  },
): tf.SymbolicTensor {
  let y = applyLayer(tf.layers.globalAveragePooling1d({ name: 'avg_pool' }), x);
  if (args.dropoutRate > 0) y = applyLayer(tf.layers.dropout({ rate: args.dropoutRate, name: 'top_dropout' }), y);
  return applyLayer(
    tf.layers.dense({ units: args.classes, activation: args.activation, kernelInitializer: args.kernelInitializer, name: 'predictions' }),
    y,
  );
}
