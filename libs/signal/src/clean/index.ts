export { estimateBaselineMedian, medianKernelLength, removeBaselineMedian, type MedianBaselineOptions } from './baseline-median';
export { cleanEcg, DEFAULT_CLEAN_ECG, type BandpassOptions, type CleanEcgOptions, type CleaningStep, type NotchOptions } from './clean-ecg';
