/**
 * Two-stage median baseline estimate (de Chazal et al. 2004 style): a ~200 ms median removes
 * QRS complexes and P waves, a ~600 ms median of that removes T waves, leaving the baseline
 * wander. Window lengths are rounded to the nearest sample count and bumped to odd.
 */
import { SignalError, assertFiniteSamples, assertSamplingRate } from '../errors';
import { medfilt } from '../filters/medfilt';

export interface MedianBaselineOptions {
  /** First median window in ms (default 200). */
  firstMs?: number;
  /** Second median window in ms (default 600). */
  secondMs?: number;
}

/** Odd kernel length for a window of `ms` milliseconds at `fs` Hz: round(ms*fs/1000), +1 when even. */
export function medianKernelLength(ms: number, fs: number, where = 'medianKernelLength'): number {
  assertSamplingRate(fs, where);
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
    throw new SignalError('BAD_ARGUMENT', where, `window length must be a finite number of ms > 0, got ${ms}`);
  }
  const k = Math.max(1, Math.round((ms * fs) / 1000));
  return k % 2 === 1 ? k : k + 1;
}

/** The baseline itself: medfilt(medfilt(x, k1), k2), plus the kernel lengths used. */
export function estimateBaselineMedian(x: ArrayLike<number>, fs: number, options: MedianBaselineOptions = {}): { baseline: Float64Array; kernels: [number, number] } {
  const where = 'estimateBaselineMedian';
  const k1 = medianKernelLength(options.firstMs ?? 200, fs, where);
  const k2 = medianKernelLength(options.secondMs ?? 600, fs, where);
  assertFiniteSamples(x, where);
  return { baseline: medfilt(medfilt(x, k1), k2), kernels: [k1, k2] };
}

/** x minus its two-stage median baseline (200 ms then 600 ms by default). */
export function removeBaselineMedian(x: ArrayLike<number>, fs: number, options: MedianBaselineOptions = {}): Float64Array {
  const { baseline } = estimateBaselineMedian(x, fs, options);
  // reuse the baseline buffer for the result: one large allocation fewer
  for (let i = 0; i < x.length; i++) baseline[i] = x[i] - baseline[i];
  return baseline;
}
