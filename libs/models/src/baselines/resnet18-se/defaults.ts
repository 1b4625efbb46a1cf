import type { SeResNet18Config } from './config';

export const DEFAULT_SE_RESNET18_CONFIG: Readonly<SeResNet18Config> = Object.freeze({
  inputLength: 256,
  leads: 1,
  stemFilters: 64,
  stemKernel: 7,
  stemStrides: 2,
  stemPool: true,
  stageBlocks: Object.freeze([2, 2, 2, 2]),
  stageFilters: Object.freeze([64, 128, 256, 512]),
  blockKernel: 3,
  seRatio: 16,
  dropoutRate: 0,
  batchNormMomentum: 0.99,
  batchNormEpsilon: 1e-3,
  classes: 5,
  classifierActivation: 'softmax',
  seed: undefined,
  name: 'resnet18-se',
});
