import type { HannunResNet34Config } from './config';

/** The published network (awni/ecg config.json) on a 256-sample single-lead window, 5 classes. */
export const DEFAULT_HANNUN_RESNET34_CONFIG: Readonly<HannunResNet34Config> = Object.freeze({
  inputLength: 256,
  leads: 1,
  blocks: 16,
  filterLength: 16,
  startFilters: 32,
  increaseFiltersEvery: 4,
  subsampleEvery: 2,
  dropoutRate: 0.2,
  // Keras defaults (the original is Keras 2 with default BatchNormalization)
  batchNormMomentum: 0.99,
  batchNormEpsilon: 1e-3,
  classes: 5,
  classifierActivation: 'softmax',
  sequenceOutput: false,
  seed: undefined,
  name: 'resnet34-hannun',
});
