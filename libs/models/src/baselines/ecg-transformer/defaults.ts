import type { EcgTransformerConfig } from './config';

/** d = 64, 2 layers, 4 heads, MLP 128, 16-sample tokens: ~70 k parameters at 256 x 2 / 5 classes. */
export const DEFAULT_ECG_TRANSFORMER_CONFIG: Readonly<EcgTransformerConfig> = Object.freeze({
  inputLength: 256,
  leads: 1,
  patchSize: 16,
  modelDim: 64,
  numLayers: 2,
  numHeads: 4,
  mlpDim: 128,
  mlpActivation: 'relu',
  dropoutRate: 0.1,
  layerNormEpsilon: 1e-5,
  classes: 5,
  classifierActivation: 'softmax',
  seed: undefined,
  name: 'ecg-transformer',
});
