import type { BaselineClassifierActivation } from '../shared/head';

/** One conv stage of the CNN-LSTM: conv(kernelSize, filters) -> activation -> max-pool(poolSize). */
export interface CnnLstmConvSpec {
  readonly filters: number;
  readonly kernelSize: number;
  /** Max-pool size and stride after the conv (1 = no pooling). */
  readonly poolSize: number;
}

/**
 * Convolutional front end + LSTM + dense classifier, after Oh S.L., Ng E.Y.K., Tan R.S.,
 * Acharya U.R. (2018), Automated diagnosis of arrhythmia using combination of CNN and LSTM
 * techniques with variable length heart beats, Computers in Biology and Medicine 102:278-287.
 */
export interface CnnLstmConfig {
  inputLength: number;
  leads: number;

  convLayers: readonly CnnLstmConvSpec[];
  /** 'same' keeps ceil(T / pool) steps per stage; Oh et al. used 'valid' convs. */
  convPadding: 'same' | 'valid';
  convActivation: 'relu' | 'elu' | 'tanh';
  /** Units of the single LSTM layer; its last hidden state feeds the dense layers. */
  lstmUnits: number;
  /** Hidden dense layers (ReLU) between the LSTM and the output layer. */
  denseUnits: readonly number[];
  /** Dropout after the LSTM and after each hidden dense layer (0 = none). */
  dropoutRate: number;

  classes: number;
  classifierActivation: BaselineClassifierActivation;
  seed: number | undefined;
  name: string;
}
