import type { BlockSpec, EfficientNet1DConfig } from './config';

const spec = (
  repeats: number,
  kernelSize: number,
  strides: number,
  inputFilters: number,
  outputFilters: number,
  expandRatio: number,
  seRatio = 0.25,
): BlockSpec => Object.freeze({ repeats, kernelSize, strides, inputFilters, outputFilters, expandRatio, seRatio });

/**
 * EfficientNet-B0's stage table (Tan & Le 2019, Table 1; Keras DEFAULT_BLOCKS_ARGS), used in
 * 1-D: kernels are lengths in samples, strides act on time.
 */
export const B0_BLOCKS: readonly BlockSpec[] = Object.freeze([
  spec(1, 3, 1, 32, 16, 1),
  spec(2, 3, 2, 16, 24, 6),
  spec(2, 5, 2, 24, 40, 6),
  spec(3, 3, 2, 40, 80, 6),
  spec(3, 5, 1, 80, 112, 6),
  spec(4, 5, 2, 112, 192, 6),
  spec(1, 3, 1, 192, 320, 6),
]);

/** Defaults = B0 with an ECG stem (kernel 7) on a 256-sample single-lead window, 5 classes (AAMI). */
export const DEFAULT_EFFICIENTNET1D_CONFIG: Readonly<EfficientNet1DConfig> = Object.freeze({
  inputLength: 256,
  leads: 1,
  blocks: B0_BLOCKS,
  widthCoefficient: 1,
  depthCoefficient: 1,
  depthDivisor: 8,
  kernelScale: 1,
  stemFilters: 32,
  stemKernel: 7,
  stemStrides: 2,
  headFilters: 1280,
  fixStemAndHead: false,
  se: true,
  activation: 'swish',
  dropConnectRate: 0.2,
  dropoutRate: 0.2,
  batchNormMomentum: 0.99,
  batchNormEpsilon: 1e-3,
  includeTop: true,
  classes: 5,
  classifierActivation: 'softmax',
  pooling: 'avg',
  seed: undefined,
  name: 'efficientnet1d',
});
