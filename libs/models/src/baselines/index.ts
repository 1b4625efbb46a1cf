// Baselines for the parameter-count comparison (issue 4): Hannun et al. 2019 ResNet, SE-ResNet-18,
// CNN-LSTM (Oh et al. 2018) and a small ECG transformer. See README.md for citations and counts.
export * from './resnet34-hannun';
export * from './resnet18-se';
export * from './cnn-lstm';
export * from './ecg-transformer';
// one MAC counter for every model (conv, dense, LSTM gates, attention): ../macs.ts
export { countModelMacs as countBaselineMacs, type ModelMacCount as BaselineMacCount } from '../macs';
export { baselineInitializers, type BaselineInitializers } from './shared/initializers';
export type { BaselineClassifierActivation } from './shared/head';
