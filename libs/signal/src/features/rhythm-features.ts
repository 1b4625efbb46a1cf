import { SignalError, assertSamplingRate } from '../errors';
import { assertRPeaks } from '../pwave/input';

/**
 * Column order of recordRhythmFeatures: one vector per record, the classic irregularity
 * measures of atrial-fibrillation detection (RR variability, successive differences, the
 * share of beats with a P wave) over the whole record, plus how much of the record the
 * detected beats cover (low when detection breaks down in noise). A model that sees one
 * 10 s window at a time gets the record's rhythm from these.
 */
export const RHYTHM_FEATURE_NAMES = [
  'logMedianRR',
  'rrCV',
  'rmssdToMedian',
  'pnn50',
  'irregularFraction',
  'rrRangeToMedian',
  'pWaveFraction',
  'beatCoverage',
] as const;
export const N_RHYTHM_FEATURES = RHYTHM_FEATURE_NAMES.length;

/** Successive RR intervals that differ by more than this fraction count as irregular. */
export const RHYTHM_IRREGULAR_RATIO = 0.15;

/** Caps: a missed beat or a long pause should not dominate a feature. */
const CAP = { rrCV: 2, rmssdToMedian: 2, rrRangeToMedian: 3, beatCoverage: 1.5, logMedianRR: 2 } as const;

const WHERE = 'recordRhythmFeatures';

export interface RhythmBeat {
  /** R-peak sample index at `fs`. */
  rPeak: number;
  /** Whether a P wave was delineated before this beat. */
  pPresent: boolean;
}

/**
 * Rhythm features of one record (columns RHYTHM_FEATURE_NAMES) from its beats, found at `fs`
 * in a signal of `nSamples` samples. Fewer than 3 beats carry no rhythm: every column is 0
 * but beatCoverage, which is then 0 too, so "no beats found" stays visible to a model.
 */
export function recordRhythmFeatures(beats: readonly RhythmBeat[], fs: number, nSamples: number): Float32Array {
  assertSamplingRate(fs, WHERE);
  if (!(nSamples > 0) || !Number.isInteger(nSamples)) throw new SignalError('BAD_ARGUMENT', `${WHERE}(nSamples)`, `must be a positive integer, got ${nSamples}`);
  assertRPeaks(beats.map((b) => b.rPeak), nSamples, `${WHERE}(beats)`);
  const out = new Float32Array(N_RHYTHM_FEATURES);
  const n = beats.length;
  if (n < 3) return out;
  const rr = new Float64Array(n - 1);
  for (let k = 0; k < n - 1; k++) rr[k] = (beats[k + 1].rPeak - beats[k].rPeak) / fs;
  const sorted = Float64Array.from(rr).sort();
  const median = quantileSorted(sorted, 0.5);
  const mean = rr.reduce((a, b) => a + b, 0) / rr.length;
  const sd = Math.sqrt(rr.reduce((a, b) => a + (b - mean) ** 2, 0) / rr.length);
  let sumSq = 0;
  let over50ms = 0;
  let irregular = 0;
  for (let k = 1; k < rr.length; k++) {
    const d = rr[k] - rr[k - 1];
    sumSq += d * d;
    if (Math.abs(d) > 0.05) over50ms++;
    if (Math.abs(rr[k] / rr[k - 1] - 1) > RHYTHM_IRREGULAR_RATIO) irregular++;
  }
  const diffs = rr.length - 1;
  const withP = beats.reduce((a, b) => a + (b.pPresent ? 1 : 0), 0);
  const cap = (v: number, c: number) => Math.max(-c, Math.min(c, v));
  out[0] = cap(Math.log(median), CAP.logMedianRR);
  out[1] = cap(sd / mean, CAP.rrCV);
  out[2] = cap(Math.sqrt(sumSq / diffs) / median, CAP.rmssdToMedian);
  out[3] = over50ms / diffs;
  out[4] = irregular / diffs;
  out[5] = cap((quantileSorted(sorted, 0.9) - quantileSorted(sorted, 0.1)) / median, CAP.rrRangeToMedian);
  out[6] = withP / n;
  // the record's span the beats would fill at their median rate, as a share of the record
  out[7] = cap(((n - 1) * median * fs) / nSamples, CAP.beatCoverage);
  return out;
}

/** Linear-interpolation quantile of sorted values (numpy's default method). */
function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
