// libs/models: 1-D EfficientNet, LSTM autoencoder, cross-attention fusion and EfficientECG
// (issue 4). libs/signal never imports from here.
export * from './common';
export * from './efficientnet1d';
export * from './backend';
export * from './metrics';
export * from './io';
export * from './lstm-ae';
export * from './training';
export * from './fusion';
export * from './efficientecg';
export * from './registry';
export * from './macs';
export * from './baselines';
