import * as tf from '@tensorflow/tfjs';
import { kerasEfficientNetInitializers } from '../common/initializers';
import type { EfficientNet1DConfig } from './config';
import { mbConvBlock } from './mbconv';
import { planEfficientNet1D } from './plan';

/**
 * Builds a 1-D EfficientNet as a functional tf.LayersModel from input [inputLength, leads]:
 * stem conv (stride 2) -> MBConv blocks of the (scaled) stage table -> 1x1 head conv -> either
 * avg pool + dropout + dense `classes` (includeTop) or the backbone's features (`pooling`).
 * Layer names follow Keras (`stem_conv`, `block2b_se_squeeze`, `top_conv`, `predictions`), so
 * summaries and weight maps read the same as the Python reference.
 */
export function createEfficientNet1D(config: Partial<EfficientNet1DConfig> = {}): tf.LayersModel {
  const plan = planEfficientNet1D(config);
  const c = plan.config;
  const init = kerasEfficientNetInitializers(c.seed);
  const bn = (name: string) =>
    tf.layers.batchNormalization({ axis: -1, momentum: c.batchNormMomentum, epsilon: c.batchNormEpsilon, name });
  const act = (name: string) => tf.layers.activation({ activation: c.activation, name });
  const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor) => layer.apply(x) as tf.SymbolicTensor;

  const input = tf.input({ shape: [c.inputLength, c.leads], name: 'input' });
  let x = apply(
    tf.layers.conv1d({
      filters: plan.stem.filters,
      kernelSize: plan.stem.kernelSize,
      strides: plan.stem.strides,
      padding: 'same',
      useBias: false,
      kernelInitializer: init.conv(),
      name: 'stem_conv',
    }),
    input,
  );
  x = apply(bn('stem_bn'), x);
  x = apply(act('stem_activation'), x);

  const ctx = { activation: c.activation, init, batchNormMomentum: c.batchNormMomentum, batchNormEpsilon: c.batchNormEpsilon };
  for (const block of plan.blocks) x = mbConvBlock(x, block, ctx);

  x = apply(
    tf.layers.conv1d({
      filters: plan.head.filters,
      kernelSize: 1,
      padding: 'same',
      useBias: false,
      kernelInitializer: init.conv(),
      name: 'top_conv',
    }),
    x,
  );
  x = apply(bn('top_bn'), x);
  x = apply(act('top_activation'), x);

  if (c.includeTop) {
    x = apply(tf.layers.globalAveragePooling1d({ name: 'avg_pool' }), x);
    if (c.dropoutRate > 0) x = apply(tf.layers.dropout({ rate: c.dropoutRate, name: 'top_dropout' }), x);
    x = apply(
      tf.layers.dense({
        units: c.classes,
        activation: c.classifierActivation,
        kernelInitializer: init.dense(),
        name: 'predictions',
      }),
      x,
    );
  } else if (c.pooling === 'avg') {
    x = apply(tf.layers.globalAveragePooling1d({ name: 'avg_pool' }), x);
  } else if (c.pooling === 'max') {
    x = apply(tf.layers.globalMaxPooling1d({ name: 'max_pool' }), x);
  }
  return tf.model({ inputs: input, outputs: x, name: c.name });
}
