import * as tf from '@tensorflow/tfjs';
import { ConfigChecks, withDefaults } from '../shared/checks';
import { applyLayer, CLASSIFIER_ACTIVATIONS } from '../shared/head';
import { baselineInitializers } from '../shared/initializers';
import type { CnnLstmConfig } from './config';
import { DEFAULT_CNN_LSTM_CONFIG } from './defaults';

/**
 * Oh S.L., Ng E.Y.K., Tan R.S., Acharya U.R. (2018). Automated diagnosis of arrhythmia using
 * combination of CNN and LSTM techniques with variable length heart beats. Computers in
 * Biology and Medicine 102, 278-287.
 */

const checks = new ConfigChecks('CnnLstmConfig');

export function resolveCnnLstmConfig(config: Partial<CnnLstmConfig> = {}): Readonly<CnnLstmConfig> {
  const c = withDefaults(DEFAULT_CNN_LSTM_CONFIG, config);
  for (const f of ['inputLength', 'leads', 'lstmUnits', 'classes'] as const) checks.positiveInteger(c[f], f);
  if (!Array.isArray(c.convLayers)) checks.fail('convLayers', 'must be an array of { filters, kernelSize, poolSize }');
  c.convLayers.forEach((l, i) => {
    checks.positiveInteger(l.filters, `convLayers[${i}].filters`);
    checks.positiveInteger(l.kernelSize, `convLayers[${i}].kernelSize`);
    checks.positiveInteger(l.poolSize, `convLayers[${i}].poolSize`);
  });
  if (!Array.isArray(c.denseUnits)) checks.fail('denseUnits', 'must be an array of widths');
  c.denseUnits.forEach((u, i) => checks.positiveInteger(u, `denseUnits[${i}]`));
  checks.oneOf(c.convPadding, ['same', 'valid'], 'convPadding');
  checks.oneOf(c.convActivation, ['relu', 'elu', 'tanh'], 'convActivation');
  checks.rate(c.dropoutRate, 'dropoutRate');
  checks.oneOf(c.classifierActivation, CLASSIFIER_ACTIVATIONS, 'classifierActivation');
  checks.seed(c.seed);
  // 'valid' convs and pools shrink the sequence: fail here, not deep inside tfjs
  let length = c.inputLength;
  c.convLayers.forEach((l, i) => {
    if (c.convPadding === 'valid') length = length - l.kernelSize + 1;
    length = c.convPadding === 'valid' ? Math.floor(length / l.poolSize) : Math.ceil(length / l.poolSize);
    if (length < 1) checks.fail(`convLayers[${i}]`, `input length ${c.inputLength} is too short: no time steps left after this stage`);
  });
  return Object.freeze(c);
}

/**
 * Builds the CNN-LSTM as a functional tf.LayersModel, input [inputLength, leads]:
 *
 *   per conv stage i: conv1d(k_i, f_i, activation) -> max-pool(p_i)      (conv{i}, conv{i}_pool)
 *   LSTM(lstmUnits), last hidden state -> [dropout]                      (lstm, lstm_dropout)
 *   per hidden width j: dense(u_j, ReLU) -> [dropout]                    (dense{j}, dense{j}_dropout)
 *   dense(classes, classifierActivation)                                 (predictions)
 *
 * Convs and dense layers have biases and glorot-uniform kernels, the LSTM glorot-uniform input
 * and orthogonal recurrent kernels with a unit forget-gate bias (Keras defaults, which the
 * original's Keras implementation used).
 */
export function createCnnLstm(config: Partial<CnnLstmConfig> = {}): tf.LayersModel {
  const c = resolveCnnLstmConfig(config);
  const init = baselineInitializers(c.seed);
  const input = tf.input({ shape: [c.inputLength, c.leads], name: 'input' });
  let x = input;
  c.convLayers.forEach((l, i) => {
    x = applyLayer(
      tf.layers.conv1d({
        filters: l.filters,
        kernelSize: l.kernelSize,
        padding: c.convPadding,
        activation: c.convActivation,
        kernelInitializer: init.glorotUniform(),
        name: `conv${i + 1}`,
      }),
      x,
    );
    if (l.poolSize > 1) {
      x = applyLayer(tf.layers.maxPooling1d({ poolSize: l.poolSize, strides: l.poolSize, padding: c.convPadding, name: `conv${i + 1}_pool` }), x);
    }
  });
  x = applyLayer(
    tf.layers.lstm({
      units: c.lstmUnits,
      unitForgetBias: true,
      kernelInitializer: init.glorotUniform(),
      recurrentInitializer: init.orthogonal(),
      name: 'lstm',
    }),
    x,
  );
  if (c.dropoutRate > 0) x = applyLayer(tf.layers.dropout({ rate: c.dropoutRate, name: 'lstm_dropout' }), x);
  c.denseUnits.forEach((units, j) => {
    x = applyLayer(tf.layers.dense({ units, activation: 'relu', kernelInitializer: init.glorotUniform(), name: `dense${j + 1}` }), x);
    if (c.dropoutRate > 0) x = applyLayer(tf.layers.dropout({ rate: c.dropoutRate, name: `dense${j + 1}_dropout` }), x);
  });
  const output = applyLayer(
    tf.layers.dense({ units: c.classes, activation: c.classifierActivation, kernelInitializer: init.glorotUniform(), name: 'predictions' }),
    x,
  );
  return tf.model({ inputs: input, outputs: output, name: c.name });
}
