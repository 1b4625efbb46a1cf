export type { BlockSpec, EfficientNet1DConfig, ClassifierActivation, FeaturePooling, BlockActivation } from './config';
export { B0_BLOCKS, DEFAULT_EFFICIENTNET1D_CONFIG } from './defaults';
export { roundFilters, roundRepeats, scaleKernel, sameOutputLength } from './scaling';
export { resolveEfficientNet1DConfig, planEfficientNet1D, type ResolvedBlock, type EfficientNet1DPlan } from './plan';
export { mbConvBlock, type MbConvContext } from './mbconv';
export { createEfficientNet1D } from './model';
export { countEfficientNet1DParameters, countEfficientNet1DMacs } from './counts';
export {
  EFFICIENTNET1D_VARIANTS,
  efficientNet1DVariantConfig,
  efficientNet1DB0,
  efficientNet1DLite,
  type EfficientNet1DVariant,
} from './variants';
