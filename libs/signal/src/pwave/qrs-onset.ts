/**
 * QRS onset from the slope of the raw signal: walking back from the R peak, the onset is the
 * end of the first quiet stretch (|slope| below 8 % of the QRS's steepest slope for 16 ms).
 * Requiring a stretch, not a single sample, steps over the brief zero slope at a Q-wave nadir.
 */

/** Central-difference slope over +-8 ms (signal units per second): a cheap low-passed derivative. */
export function slopeSignal(signal: ArrayLike<number>, fs: number): Float64Array {
  const n = signal.length;
  const h = Math.max(1, Math.round(0.008 * fs));
  const out = new Float64Array(n);
  const scale = fs / (2 * h);
  for (let i = 0; i < n; i++) {
    const a = signal[Math.max(0, i - h)];
    const b = signal[Math.min(n - 1, i + h)];
    out[i] = (b - a) * scale;
  }
  return out;
}

const QUIET_FRACTION = 0.08;
const QUIET_RUN_S = 0.016;
const STEEPEST_WITHIN_S = 0.06;
const SEARCH_BACK_S = 0.2;

/** Sample index of the QRS onset before `r`, or null when no quiet segment is found within 200 ms. */
export function estimateQrsOnset(slope: Float64Array, r: number, fs: number): number | null {
  const n = slope.length;
  const w = Math.round(STEEPEST_WITHIN_S * fs);
  let steepest = 0;
  for (let k = Math.max(0, r - w); k <= Math.min(n - 1, r + w); k++) steepest = Math.max(steepest, Math.abs(slope[k]));
  if (steepest === 0) return null;
  const quiet = QUIET_FRACTION * steepest;
  const run = Math.max(2, Math.round(QUIET_RUN_S * fs));
  const stop = Math.max(0, r - Math.round(SEARCH_BACK_S * fs));
  let count = 0;
  for (let k = r - 1; k >= stop; k--) {
    if (Math.abs(slope[k]) < quiet) {
      count++;
      if (count >= run) return k + run - 1;
    } else {
      count = 0;
    }
  }
  return null;
}
