// LSTM autoencoder over per-beat feature sequences (R-peak / P-wave features -> code vector).
export { DEFAULT_LSTM_AUTOENCODER_CONFIG, resolveLstmAutoencoderConfig, type LstmAutoencoderConfig } from './config';
export { createLstmAutoencoder, freezeEncoder, type LstmAutoencoder } from './model';
export { maskedMse, maskedMseLoss, packTargets } from './masked-loss';
export { stackSequences, type SequenceSet } from './data';
export { pretrainLstmAutoencoder, evaluateReconstruction, type PretrainOptions, type PretrainResult } from './pretrain';
export { SeededOrthogonal, type SeededOrthogonalArgs } from './orthogonal-initializer';
