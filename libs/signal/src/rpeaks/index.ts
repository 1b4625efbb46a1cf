export { detectRPeaks, rPeakDetectors, rPeakDetector, registerRPeakDetector, DEFAULT_RPEAK_METHOD } from './detect';
export type { RPeakDetector, DetectRPeaksOptions } from './detect';
export { MIN_DETECTOR_FS, MAX_DETECTOR_FS } from './input';
export * from './evaluation';
