export type { HannunResNet34Config } from './config';
export { DEFAULT_HANNUN_RESNET34_CONFIG } from './defaults';
export { ZeroPadChannels1d } from './zero-pad-channels';
export { createHannunResNet34, resolveHannunResNet34Config, hannunBlockFilters, hannunBlockStride } from './model';
