export type { CnnLstmConfig, CnnLstmConvSpec } from './config';
export { DEFAULT_CNN_LSTM_CONFIG, CNN_LSTM_OH2018 } from './defaults';
export { createCnnLstm, resolveCnnLstmConfig } from './model';
