/**
 * Per-signal amplitude normalisation. A flat (constant) signal has no scale to divide by:
 * by default that is a FLAT_SIGNAL error (a flat lead is usually a disconnected electrode
 * worth knowing about); pass `onFlat: <number>` to get that constant instead.
 */
import { SignalError, assertFiniteSamples } from '../errors';

export interface NormalizeOptions {
  /** What a constant signal becomes: 'error' (default) throws FLAT_SIGNAL, a number fills the output with it. */
  onFlat?: 'error' | number;
}

function flat(n: number, onFlat: NormalizeOptions['onFlat'], where: string, detail: string): Float64Array {
  if (onFlat === undefined || onFlat === 'error') throw new SignalError('FLAT_SIGNAL', where, detail);
  if (typeof onFlat !== 'number' || !Number.isFinite(onFlat)) {
    throw new SignalError('BAD_ARGUMENT', where, `onFlat must be 'error' or a finite number, got ${String(onFlat)}`);
  }
  return new Float64Array(n).fill(onFlat);
}

function assertNonEmpty(x: ArrayLike<number>, where: string): void {
  if (x.length === 0) throw new SignalError('TOO_SHORT', where, 'x is empty');
}

/** scipy.stats.zscore(x) (ddof = 0 by default): (x - mean) / std. */
export function zscore(x: ArrayLike<number>, options: NormalizeOptions & { ddof?: number } = {}): Float64Array {
  const where = 'zscore';
  assertNonEmpty(x, where);
  assertFiniteSamples(x, where);
  const ddof = options.ddof ?? 0;
  const n = x.length;
  if (!Number.isInteger(ddof) || ddof < 0 || ddof >= n) {
    throw new SignalError('BAD_ARGUMENT', where, `ddof must be an integer in 0..${n - 1}, got ${ddof}`);
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) ** 2;
  const std = Math.sqrt(ss / (n - ddof));
  if (!(std > 0)) return flat(n, options.onFlat, where, `x is constant (${x[0]}): standard deviation is 0`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (x[i] - mean) / std;
  return out;
}

/** Linear map of [min(x), max(x)] onto `range` (default [0, 1]). */
export function minMaxNormalize(x: ArrayLike<number>, options: NormalizeOptions & { range?: [number, number] } = {}): Float64Array {
  const where = 'minMaxNormalize';
  assertNonEmpty(x, where);
  assertFiniteSamples(x, where);
  const [lo, hi] = options.range ?? [0, 1];
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) {
    throw new SignalError('BAD_ARGUMENT', where, `range must be [low, high] with finite low < high, got ${JSON.stringify(options.range)}`);
  }
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < min) min = x[i];
    if (x[i] > max) max = x[i];
  }
  const span = max - min;
  if (!(span > 0)) return flat(x.length, options.onFlat, where, `x is constant (${min}): max - min is 0`);
  const out = new Float64Array(x.length);
  if (lo === 0 && hi === 1) {
    for (let i = 0; i < x.length; i++) out[i] = (x[i] - min) / span;
  } else {
    const scale = (hi - lo) / span;
    for (let i = 0; i < x.length; i++) out[i] = lo + (x[i] - min) * scale;
  }
  return out;
}
