import * as tf from '@tensorflow/tfjs';
import { depthwiseConv1d } from '../common/layers/depthwise-conv1d';
import { DropConnect } from '../common/layers/drop-connect';
import { squeezeExcite1d } from '../common/layers/squeeze-excite';
import type { SeededInitializers } from '../common/initializers';
import type { BlockActivation } from './config';
import type { ResolvedBlock } from './plan';

export interface MbConvContext {
  activation: BlockActivation;
  init: SeededInitializers;
  batchNormMomentum: number;
  batchNormEpsilon: number;
}

/**
 * MBConv (inverted residual) block in 1-D, layer for layer as Keras' efficientnet.block():
 * [expand 1x1 conv + BN + act] -> depthwise conv + BN + act -> [SE] -> project 1x1 conv + BN
 * -> [drop-connect + identity add]. Layer names: `<block>_expand_conv`, `_expand_bn`,
 * `_expand_activation`, `_dwconv`, `_bn`, `_activation`, `_se_squeeze/_reduce/_expand/_reshape/
 * _excite`, `_project_conv`, `_project_bn`, `_drop`, `_add`.
 */
export function mbConvBlock(inputs: tf.SymbolicTensor, block: ResolvedBlock, ctx: MbConvContext): tf.SymbolicTensor {
  const n = block.name;
  const bn = (name: string) =>
    tf.layers.batchNormalization({ axis: -1, momentum: ctx.batchNormMomentum, epsilon: ctx.batchNormEpsilon, name });
  const act = (name: string) => tf.layers.activation({ activation: ctx.activation, name });
  const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) => layer.apply(x) as tf.SymbolicTensor;

  let x = inputs;
  if (block.expandRatio !== 1) {
    x = apply(
      tf.layers.conv1d({
        filters: block.expandedFilters,
        kernelSize: 1,
        padding: 'same',
        useBias: false,
        kernelInitializer: ctx.init.conv(),
        name: `${n}_expand_conv`,
      }),
      x,
    );
    x = apply(bn(`${n}_expand_bn`), x);
    x = apply(act(`${n}_expand_activation`), x);
  }

  x = depthwiseConv1d(x, {
    name: `${n}_dwconv`,
    kernelSize: block.kernelSize,
    strides: block.strides,
    padding: 'same',
    depthwiseInitializer: ctx.init.conv(),
  });
  x = apply(bn(`${n}_bn`), x);
  x = apply(act(`${n}_activation`), x);

  if (block.seFilters > 0) {
    x = squeezeExcite1d(x, { prefix: `${n}_se`, seFilters: block.seFilters, activation: ctx.activation, kernelInitializer: ctx.init.dense });
  }

  x = apply(
    tf.layers.conv1d({
      filters: block.filtersOut,
      kernelSize: 1,
      padding: 'same',
      useBias: false,
      kernelInitializer: ctx.init.conv(),
      name: `${n}_project_conv`,
    }),
    x,
  );
  x = apply(bn(`${n}_project_bn`), x);

  if (block.residual) {
    if (block.dropRate > 0) x = apply(new DropConnect({ rate: block.dropRate, name: `${n}_drop` }), x);
    x = apply(tf.layers.add({ name: `${n}_add` }), [x, inputs]);
  }
  return x;
}
