/**
 * The simple FIR building blocks of the Pan-Tompkins family of QRS detectors, written as
 * zero-delay (centred) filters so fiducial marks need no delay bookkeeping. The original
 * integer filters are moving sums at 200 Hz; here their lengths are set in seconds, so the
 * same frequency responses hold at any sampling rate.
 */

/**
 * Centred moving average of odd length `2*half+1` (edges average what exists). `out` may be
 * given to reuse a buffer (it must not be `x`): hour-long records make allocation costly.
 */
export function movingAverage(x: Float64Array, half: number, out: Float64Array = new Float64Array(x.length)): Float64Array {
  const n = x.length;
  const len = 2 * half + 1;
  if (n < len) {
    for (let i = 0; i < n; i++) {
      let s = 0, c = 0;
      for (let j = Math.max(0, i - half); j <= Math.min(n - 1, i + half); j++, c++) s += x[j];
      out[i] = s / c;
    }
    return out;
  }
  // Running sum in double precision: the drift over hours of millivolt samples is ~1e-12.
  let sum = 0;
  for (let j = 0; j < half; j++) sum += x[j];
  for (let i = 0; i <= half; i++) {
    sum += x[i + half];
    out[i] = sum / (i + half + 1);
  }
  const inv = 1 / len;
  const end = n - half;
  for (let i = half + 1; i < end; i++) {
    sum += x[i + half] - x[i - half - 1];
    out[i] = sum * inv;
  }
  for (let i = Math.max(end, half + 1); i < n; i++) {
    sum -= x[i - half - 1];
    out[i] = sum / (n - i + half);
  }
  return out;
}

/** Samples in `seconds` at `fs`, at least `min`. */
export function samplesIn(seconds: number, fs: number, min = 1): number {
  return Math.max(min, Math.round(seconds * fs));
}

/**
 * Pan-Tompkins band-pass (about 5-15 Hz): the low-pass is a 30 ms moving average applied
 * twice (the (1-z^-6)^2/(1-z^-1)^2 filter at 200 Hz), the high-pass subtracts a 160 ms moving
 * average (the 32-sample all-pass-minus-low-pass at 200 Hz).
 */
export function panTompkinsBandPass(x: Float64Array, fs: number): Float64Array {
  const lpHalf = samplesIn(0.015, fs);
  const tmp = movingAverage(x, lpHalf);
  const lp = movingAverage(tmp, lpHalf);
  const hp = movingAverage(lp, samplesIn(0.08, fs), tmp);
  for (let i = 0; i < lp.length; i++) hp[i] = lp[i] - hp[i];
  return hp;
}

/**
 * Pan-Tompkins five-point derivative (-x[n-2] - 2x[n-1] + 2x[n+1] + x[n+2]) / 8 with the
 * 5 ms tap spacing of the 200 Hz original, scaled in samples for other rates; per second.
 */
export function fivePointDerivative(x: Float64Array, fs: number): Float64Array {
  const n = x.length;
  const k = samplesIn(0.005, fs);
  const out = new Float64Array(n);
  const scale = fs / (8 * k);
  const at = (i: number) => x[i < 0 ? 0 : i >= n ? n - 1 : i];
  const edge = (i: number) => (at(i + 2 * k) - at(i - 2 * k) + 2 * (at(i + k) - at(i - k))) * scale;
  const lo = Math.min(n, 2 * k), hi = Math.max(lo, n - 2 * k);
  for (let i = 0; i < lo; i++) out[i] = edge(i);
  for (let i = lo; i < hi; i++) out[i] = (x[i + 2 * k] - x[i - 2 * k] + 2 * (x[i + k] - x[i - k])) * scale;
  for (let i = hi; i < n; i++) out[i] = edge(i);
  return out;
}

/**
 * Indices of local maxima of `x` (plateaus give their first sample), thinned so that two
 * kept maxima are at least `minDistance` samples apart: within a cluster the larger wins.
 */
export function localMaxima(x: Float64Array, minDistance: number): number[] {
  const peaks: number[] = [];
  const n = x.length;
  for (let i = 1; i < n - 1; i++) {
    if (!(x[i] > x[i - 1] && x[i] >= x[i + 1])) continue;
    const last = peaks.length - 1;
    if (last >= 0 && i - peaks[last] < minDistance) {
      if (x[i] > x[peaks[last]]) peaks[last] = i;
    } else peaks.push(i);
  }
  return peaks;
}

/** Index of the largest |x| in [from, to] (clamped to the array). */
export function argMaxAbs(x: Float64Array, from: number, to: number): number {
  const a = Math.max(0, from), b = Math.min(x.length - 1, to);
  let best = a;
  for (let i = a + 1; i <= b; i++) if (Math.abs(x[i]) > Math.abs(x[best])) best = i;
  return best;
}

/** Index of the largest sign*x in [from, to] (clamped). */
export function argMaxSigned(x: Float64Array, from: number, to: number, sign: number): number {
  const a = Math.max(0, from), b = Math.min(x.length - 1, to);
  let best = a;
  for (let i = a + 1; i <= b; i++) if (sign * x[i] > sign * x[best]) best = i;
  return best;
}
