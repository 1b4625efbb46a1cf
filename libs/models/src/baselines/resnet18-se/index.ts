export type { SeResNet18Config } from './config';
export { DEFAULT_SE_RESNET18_CONFIG } from './defaults';
export { createSeResNet18, resolveSeResNet18Config, seResNetSeFilters } from './model';
