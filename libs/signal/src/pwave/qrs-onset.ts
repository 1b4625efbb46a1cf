/**
 * QRS onset from the slope of the raw signal: walking back from the R peak, the onset is the
 * end of the first quiet stretch (|slope| below 8 % of the QRS's steepest slope for 16 ms).
 * Requiring a stretch, not a single sample, steps over the brief zero slope at a Q-wave nadir.
 * The slope is a central difference over +-8 ms (a cheap low-passed derivative), computed
 * only around each R peak.
 */

const QUIET_FRACTION = 0.08;
const QUIET_RUN_S = 0.016;
const STEEPEST_WITHIN_S = 0.06;
const SEARCH_BACK_S = 0.2;
const SLOPE_HALF_SPAN_S = 0.008;

/** Sample index of the QRS onset before `r`, or null when no quiet segment is found within 200 ms. */
export function estimateQrsOnset(signal: ArrayLike<number>, r: number, fs: number): number | null {
  const n = signal.length;
  const h = Math.max(1, Math.round(SLOPE_HALF_SPAN_S * fs));
  // |x[k+h] - x[k-h]| is proportional to the slope; the constant factor cancels in the ratio test
  const slope = (k: number) => Math.abs(signal[Math.min(n - 1, k + h)] - signal[Math.max(0, k - h)]);
  const w = Math.round(STEEPEST_WITHIN_S * fs);
  let steepest = 0;
  for (let k = Math.max(0, r - w); k <= Math.min(n - 1, r + w); k++) {
    const s = slope(k);
    if (s > steepest) steepest = s;
  }
  if (steepest === 0) return null;
  const quiet = QUIET_FRACTION * steepest;
  const run = Math.max(2, Math.round(QUIET_RUN_S * fs));
  const stop = Math.max(0, r - Math.round(SEARCH_BACK_S * fs));
  let count = 0;
  for (let k = r - 1; k >= stop; k--) {
    if (slope(k) < quiet) {
      count++;
      if (count >= run) return k + run - 1;
    } else {
      count = 0;
    }
  }
  return null;
}
