// Small building blocks shared by the models of this library (EfficientNet-1D, EfficientECG...).
export { ModelError, isModelError, type ModelErrorCode } from './errors';
export { countParameters, countMacs, type ParameterCount, type MacCount } from './count';
export { kerasEfficientNetInitializers, type SeededInitializers } from './initializers';
export { SEED_ZERO_STAND_IN, tfjsSeed } from './tfjs-seed';
export * from './layers';
