export type { EfficientECGConfig } from './config';
export { DEFAULT_EFFICIENTECG_CONFIG, EFFICIENTECG_INPUTS } from './defaults';
export { createEfficientECG, resolveEfficientECGConfig, type EfficientECG } from './model';
