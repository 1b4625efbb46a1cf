export { minMaxNormalize, zscore, type NormalizeOptions } from './normalize';
