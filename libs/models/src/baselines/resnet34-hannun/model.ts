import * as tf from '@tensorflow/tfjs';
import { ConfigChecks, withDefaults } from '../shared/checks';
import { applyLayer, CLASSIFIER_ACTIVATIONS, poolAndClassify } from '../shared/head';
import { baselineInitializers } from '../shared/initializers';
import type { HannunResNet34Config } from './config';
import { DEFAULT_HANNUN_RESNET34_CONFIG } from './defaults';
import { ZeroPadChannels1d } from './zero-pad-channels';

/**
 * Hannun A.Y., Rajpurkar P., Haghpanahi M., Tison G.H., Bourn C., Turakhia M.P., Ng A.Y. (2019).
 * Cardiologist-level arrhythmia detection and classification in ambulatory electrocardiograms
 * using a deep neural network. Nature Medicine 25, 65-69. Code: github.com/awni/ecg.
 */

const checks = new ConfigChecks('HannunResNet34Config');

export function resolveHannunResNet34Config(config: Partial<HannunResNet34Config> = {}): Readonly<HannunResNet34Config> {
  const c = withDefaults(DEFAULT_HANNUN_RESNET34_CONFIG, config);
  for (const f of ['inputLength', 'leads', 'blocks', 'filterLength', 'startFilters', 'increaseFiltersEvery', 'subsampleEvery', 'classes'] as const) {
    checks.positiveInteger(c[f], f);
  }
  checks.rate(c.dropoutRate, 'dropoutRate');
  checks.batchNorm(c.batchNormMomentum, c.batchNormEpsilon);
  checks.oneOf(c.classifierActivation, CLASSIFIER_ACTIVATIONS, 'classifierActivation');
  checks.seed(c.seed);
  return Object.freeze(c);
}

/** Filters of block i: startFilters * 2^floor(i / increaseFiltersEvery) (32, 64, 128, 256). */
export const hannunBlockFilters = (c: Pick<HannunResNet34Config, 'startFilters' | 'increaseFiltersEvery'>, i: number): number =>
  c.startFilters * 2 ** Math.floor(i / c.increaseFiltersEvery);

/** Stride of block i: 2 on every subsampleEvery-th block (awni/ecg: [1, 2, 1, 2, ...]). */
export const hannunBlockStride = (c: Pick<HannunResNet34Config, 'subsampleEvery'>, i: number): number =>
  i % c.subsampleEvery === c.subsampleEvery - 1 ? 2 : 1;

/**
 * Builds the network of Hannun et al. 2019 as a functional tf.LayersModel, input [inputLength, leads]:
 *
 *   conv(k16, 32) -> BN -> ReLU
 *   16 x residual block i (filters 32 * 2^floor(i/4), stride 2 on odd i):
 *     main:     [BN -> ReLU ->] conv(k16, stride) -> BN -> ReLU -> dropout 0.2 -> conv(k16)
 *               (block 0 skips the first BN/ReLU: the stem already applied them)
 *     shortcut: max-pool(2) when strided, zero channels appended when the filters double
 *     add
 *   BN -> ReLU -> head
 *
 * Convs have biases and he_normal kernels as the Keras original. The original head is a
 * time-distributed dense + softmax, one label per 2^8 = 256 input samples (1.28 s at its 200 Hz).
 * Here the default head is global average pooling + dense for one label per window;
 * `sequenceOutput: true` keeps the original per-step dense (shape [B, T/256, classes]).
 *
 * Differences: the shortcut max-pool uses 'same' padding (ceil(T/2), matching the strided 'same'
 * conv for odd lengths; identical to the original's 'valid' for even lengths, and the original
 * only sees multiples of 256); stride-1 shortcuts skip the original's MaxPooling1D(pool_size=1).
 */
export function createHannunResNet34(config: Partial<HannunResNet34Config> = {}): tf.LayersModel {
  const c = resolveHannunResNet34Config(config);
  const init = baselineInitializers(c.seed);
  const conv = (filters: number, strides: number, name: string) =>
    tf.layers.conv1d({ filters, kernelSize: c.filterLength, strides, padding: 'same', kernelInitializer: init.heNormal(), name });
  const bn = (name: string) =>
    tf.layers.batchNormalization({ axis: -1, momentum: c.batchNormMomentum, epsilon: c.batchNormEpsilon, name });
  const relu = (name: string) => tf.layers.activation({ activation: 'relu', name });

  const input = tf.input({ shape: [c.inputLength, c.leads], name: 'input' });
  let x = applyLayer(conv(c.startFilters, 1, 'stem_conv'), input);
  x = applyLayer(bn('stem_bn'), x);
  x = applyLayer(relu('stem_relu'), x);

  let channels = c.startFilters;
  for (let i = 0; i < c.blocks; i++) {
    const p = `block${i}`;
    const filters = hannunBlockFilters(c, i);
    const strides = hannunBlockStride(c, i);

    let shortcut = x;
    if (strides > 1) shortcut = applyLayer(tf.layers.maxPooling1d({ poolSize: strides, strides, padding: 'same', name: `${p}_shortcut_pool` }), shortcut);
    // filters only ever double (2^floor(i/4)), so zero channels always make the shapes match
    if (filters !== channels) shortcut = applyLayer(new ZeroPadChannels1d({ name: `${p}_shortcut_pad` }), shortcut);

    let y = x;
    if (i > 0) {
      y = applyLayer(bn(`${p}_bn1`), y);
      y = applyLayer(relu(`${p}_relu1`), y);
    }
    y = applyLayer(conv(filters, strides, `${p}_conv1`), y);
    y = applyLayer(bn(`${p}_bn2`), y);
    y = applyLayer(relu(`${p}_relu2`), y);
    if (c.dropoutRate > 0) y = applyLayer(tf.layers.dropout({ rate: c.dropoutRate, name: `${p}_dropout` }), y);
    y = applyLayer(conv(filters, 1, `${p}_conv2`), y);
    x = applyLayer(tf.layers.add({ name: `${p}_add` }), [shortcut, y]);
    channels = filters;
  }
  x = applyLayer(bn('top_bn'), x);
  x = applyLayer(relu('top_relu'), x);

  const output = c.sequenceOutput
    ? applyLayer(
        tf.layers.dense({ units: c.classes, activation: c.classifierActivation, kernelInitializer: init.glorotUniform(), name: 'predictions' }),
        x,
      )
    : poolAndClassify(x, { classes: c.classes, activation: c.classifierActivation, dropoutRate: 0, kernelInitializer: init.glorotUniform() });
  return tf.model({ inputs: input, outputs: output, name: c.name });
}
