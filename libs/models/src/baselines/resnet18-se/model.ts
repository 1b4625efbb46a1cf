import * as tf from '@tensorflow/tfjs';
import { squeezeExcite1d } from '../../common/layers/squeeze-excite';
import { ConfigChecks, withDefaults } from '../shared/checks';
import { applyLayer, CLASSIFIER_ACTIVATIONS, poolAndClassify } from '../shared/head';
import { baselineInitializers } from '../shared/initializers';
import type { SeResNet18Config } from './config';
import { DEFAULT_SE_RESNET18_CONFIG } from './defaults';

/**
 * He K., Zhang X., Ren S., Sun J. (2016). Deep residual learning for image recognition. CVPR.
 * Hu J., Shen L., Sun G. (2018). Squeeze-and-excitation networks. CVPR.
 */

const checks = new ConfigChecks('SeResNet18Config');

export function resolveSeResNet18Config(config: Partial<SeResNet18Config> = {}): Readonly<SeResNet18Config> {
  const c = withDefaults(DEFAULT_SE_RESNET18_CONFIG, config);
  for (const f of ['inputLength', 'leads', 'stemFilters', 'stemKernel', 'stemStrides', 'blockKernel', 'classes'] as const) {
    checks.positiveInteger(c[f], f);
  }
  if (!Array.isArray(c.stageBlocks) || c.stageBlocks.length === 0) checks.fail('stageBlocks', 'needs at least one stage');
  if (!Array.isArray(c.stageFilters) || c.stageFilters.length !== c.stageBlocks.length) {
    checks.fail('stageFilters', `needs one width per stage (${c.stageBlocks.length}), got ${JSON.stringify(c.stageFilters)}`);
  }
  c.stageBlocks.forEach((n, i) => checks.positiveInteger(n, `stageBlocks[${i}]`));
  c.stageFilters.forEach((n, i) => checks.positiveInteger(n, `stageFilters[${i}]`));
  checks.nonNegativeInteger(c.seRatio, 'seRatio');
  checks.rate(c.dropoutRate, 'dropoutRate');
  checks.batchNorm(c.batchNormMomentum, c.batchNormEpsilon);
  checks.oneOf(c.classifierActivation, CLASSIFIER_ACTIVATIONS, 'classifierActivation');
  checks.seed(c.seed);
  return Object.freeze(c);
}

/** SE bottleneck width of a C-channel block (0 when SE is off). */
export const seResNetSeFilters = (channels: number, seRatio: number): number =>
  seRatio > 0 ? Math.max(1, Math.floor(channels / seRatio)) : 0;

/**
 * Builds a 1-D SE-ResNet-18 as a functional tf.LayersModel, input [inputLength, leads]:
 *
 *   conv(k7, 64, stride 2) -> BN -> ReLU -> max-pool(3, stride 2)
 *   4 stages x 2 basic blocks (64, 128, 256, 512 filters; stride 2 in the first block of stages 2-4):
 *     main:     conv(k3, stride) -> BN -> ReLU -> conv(k3) -> BN -> SE (r = 16)
 *     shortcut: identity, or conv 1x1 (stride) -> BN when the shape changes (He et al. option B)
 *     add -> ReLU
 *   global average pooling -> [dropout] -> dense
 *
 * Convs have no bias (BN follows) and torchvision's kaiming_normal(fan_out) kernels; SE sits on
 * the residual branch before the addition as in Hu et al.'s SE-ResNet module, with a ReLU
 * bottleneck and a sigmoid gate (dense layers with biases).
 */
export function createSeResNet18(config: Partial<SeResNet18Config> = {}): tf.LayersModel {
  const c = resolveSeResNet18Config(config);
  const init = baselineInitializers(c.seed);
  const conv = (filters: number, kernelSize: number, strides: number, name: string) =>
    tf.layers.conv1d({ filters, kernelSize, strides, padding: 'same', useBias: false, kernelInitializer: init.heNormalFanOut(), name });
  const bn = (name: string) =>
    tf.layers.batchNormalization({ axis: -1, momentum: c.batchNormMomentum, epsilon: c.batchNormEpsilon, name });
  const relu = (name: string) => tf.layers.activation({ activation: 'relu', name });

  const input = tf.input({ shape: [c.inputLength, c.leads], name: 'input' });
  let x = applyLayer(conv(c.stemFilters, c.stemKernel, c.stemStrides, 'stem_conv'), input);
  x = applyLayer(bn('stem_bn'), x);
  x = applyLayer(relu('stem_relu'), x);
  if (c.stemPool) x = applyLayer(tf.layers.maxPooling1d({ poolSize: 3, strides: 2, padding: 'same', name: 'stem_pool' }), x);

  let channels = c.stemFilters;
  c.stageBlocks.forEach((blocks, s) => {
    const filters = c.stageFilters[s];
    for (let b = 0; b < blocks; b++) {
      const p = `stage${s + 1}_block${b + 1}`;
      const strides = b === 0 && s > 0 ? 2 : 1;
      let y = applyLayer(conv(filters, c.blockKernel, strides, `${p}_conv1`), x);
      y = applyLayer(bn(`${p}_bn1`), y);
      y = applyLayer(relu(`${p}_relu1`), y);
      y = applyLayer(conv(filters, c.blockKernel, 1, `${p}_conv2`), y);
      y = applyLayer(bn(`${p}_bn2`), y);
      const seFilters = seResNetSeFilters(filters, c.seRatio);
      if (seFilters > 0) {
        y = squeezeExcite1d(y, { prefix: `${p}_se`, seFilters, activation: 'relu', kernelInitializer: init.glorotUniform });
      }
      let shortcut = x;
      if (strides !== 1 || channels !== filters) {
        shortcut = applyLayer(conv(filters, 1, strides, `${p}_shortcut_conv`), x);
        shortcut = applyLayer(bn(`${p}_shortcut_bn`), shortcut);
      }
      x = applyLayer(tf.layers.add({ name: `${p}_add` }), [shortcut, y]);
      x = applyLayer(relu(`${p}_out`), x);
      channels = filters;
    }
  });
  const output = poolAndClassify(x, {
    classes: c.classes,
    activation: c.classifierActivation,
    dropoutRate: c.dropoutRate,
    kernelInitializer: init.glorotUniform(),
  });
  return tf.model({ inputs: input, outputs: output, name: c.name });
}
