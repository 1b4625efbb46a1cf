import { ModelError } from '../common/errors';

/**
 * Keras' round_filters: scale by the width coefficient, round to the nearest multiple of
 * `divisor` (at least `divisor`), and go one multiple up if rounding lost more than 10 %.
 */
export function roundFilters(filters: number, widthCoefficient: number, divisor = 8): number {
  if (!(filters > 0 && widthCoefficient > 0 && Number.isInteger(divisor) && divisor > 0)) {
    throw new ModelError('BAD_CONFIG', 'roundFilters', `filters ${filters}, width ${widthCoefficient}, divisor ${divisor} must be positive`);
  }
  const scaled = filters * widthCoefficient;
  let rounded = Math.max(divisor, Math.floor((scaled + divisor / 2) / divisor) * divisor);
  if (rounded < 0.9 * scaled) rounded += divisor;
  return rounded;
}

/** Keras' round_repeats: ceil(depthCoefficient * repeats). */
export function roundRepeats(repeats: number, depthCoefficient: number): number {
  if (!(repeats > 0 && depthCoefficient > 0)) {
    throw new ModelError('BAD_CONFIG', 'roundRepeats', `repeats ${repeats} and depth ${depthCoefficient} must be positive`);
  }
  // no epsilon on purpose: bit-for-bit what Keras computes (JS and Python share IEEE doubles)
  return Math.ceil(depthCoefficient * repeats);
}

/**
 * Kernel length for a sampling-rate scale: kernelSize * scale rounded up to the next odd integer
 * (odd keeps 'same' padding centred). scale 1 leaves odd kernels unchanged; 3 * 2 -> 7, 5 * 2 -> 11,
 * 3 * 1.5 -> 5.
 */
export function scaleKernel(kernelSize: number, scale: number): number {
  if (!(Number.isInteger(kernelSize) && kernelSize > 0 && scale > 0 && Number.isFinite(scale))) {
    throw new ModelError('BAD_CONFIG', 'scaleKernel', `kernel ${kernelSize} must be a positive integer and scale ${scale} positive`);
  }
  const k = Math.ceil(kernelSize * scale - 1e-9);
  return k % 2 === 1 ? k : k + 1;
}

/** Output length of a 'same'-padded convolution. */
export function sameOutputLength(length: number, strides: number): number {
  return Math.ceil(length / strides);
}
