import type { CnnLstmConfig } from './config';

/**
 * Default: Oh et al.'s three conv + pool stages (kernels 20, 10, 5; pool 2) and one LSTM, but
 * widened (filters 32/64/64 instead of 3/6/6, LSTM 64 instead of 20, 'same' padding, dropout
 * 0.2) so the baseline has a useful capacity on 2-12 lead windows; ~78 k parameters at 256 x 2.
 */
export const DEFAULT_CNN_LSTM_CONFIG: Readonly<CnnLstmConfig> = Object.freeze({
  inputLength: 256,
  leads: 1,
  convLayers: Object.freeze([
    Object.freeze({ filters: 32, kernelSize: 20, poolSize: 2 }),
    Object.freeze({ filters: 64, kernelSize: 10, poolSize: 2 }),
    Object.freeze({ filters: 64, kernelSize: 5, poolSize: 2 }),
  ]),
  convPadding: 'same',
  convActivation: 'relu',
  lstmUnits: 64,
  denseUnits: Object.freeze([32]),
  dropoutRate: 0.2,
  classes: 5,
  classifierActivation: 'softmax',
  seed: undefined,
  name: 'cnn-lstm',
});

/**
 * Oh et al. 2018's own layer table (as we read it: 1000-sample beats at 360 Hz; conv 3 x k20,
 * pool 2; conv 6 x k10, pool 2; conv 6 x k5, pool 2; LSTM 20; dense 20, 10; output 5), 'valid'
 * convs, no dropout. Pass as overrides: createCnnLstm({ ...CNN_LSTM_OH2018, leads, classes }).
 */
export const CNN_LSTM_OH2018: Readonly<Partial<CnnLstmConfig>> = Object.freeze({
  inputLength: 1000,
  convLayers: Object.freeze([
    Object.freeze({ filters: 3, kernelSize: 20, poolSize: 2 }),
    Object.freeze({ filters: 6, kernelSize: 10, poolSize: 2 }),
    Object.freeze({ filters: 6, kernelSize: 5, poolSize: 2 }),
  ]),
  convPadding: 'valid',
  lstmUnits: 20,
  denseUnits: Object.freeze([20, 10]),
  dropoutRate: 0,
  name: 'cnn-lstm-oh2018',
});
