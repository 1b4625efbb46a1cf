import { SignalError } from '../errors';

/**
 * Column order of rrIntervalFeatures: each a natural log of a ratio of RR intervals, so 0 is a
 * beat at the record's usual rate and a premature beat is negative whatever the patient's rate.
 * Normalising by the record's own RR is what lets RR timing transfer between patients (the
 * inter-patient protocol): de Chazal 2004 and Mondejar-Guerra 2019 both use the same idea.
 */
export const RR_FEATURE_NAMES = ['logPrevToRecord', 'logNextToRecord', 'logLocalToRecord', 'logPrevToLocal', 'logPrevToNext'] as const;
export const N_RR_FEATURES = RR_FEATURE_NAMES.length;

/** RR intervals averaged (centred on the beat) for the local rate: de Chazal's "local average RR" of 10 beats. */
export const RR_FEATURE_LOCAL_INTERVALS = 10;

/** |log ratio| cap: a missed beat or a long pause should not dominate a feature (e^2.5 is a ratio of ~12). */
const LOG_RATIO_CAP = 2.5;

const WHERE = 'rrIntervalFeatures';

/**
 * Per-beat RR-interval features relative to the record's median RR interval, as a row-major
 * Float32Array [rPeaks.length, N_RR_FEATURES] (columns RR_FEATURE_NAMES). Unit-free, so fs is
 * not needed. The first beat takes its next interval as its previous one and the last beat
 * the reverse; a record with fewer than 2 beats gives all zeros (no rhythm information).
 */
export function rrIntervalFeatures(rPeaks: ArrayLike<number>, options: { localIntervals?: number } = {}): Float32Array {
  const n = rPeaks.length;
  const local = options.localIntervals ?? RR_FEATURE_LOCAL_INTERVALS;
  if (!Number.isInteger(local) || local < 1) throw new SignalError('BAD_ARGUMENT', `${WHERE}(localIntervals)`, `must be a positive integer, got ${local}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(rPeaks[i])) throw new SignalError('BAD_ARGUMENT', `${WHERE}(rPeaks)`, `rPeaks[${i}] is ${rPeaks[i]}; R peaks must be finite sample indices`);
    if (i > 0 && rPeaks[i] <= rPeaks[i - 1]) throw new SignalError('BAD_ARGUMENT', `${WHERE}(rPeaks)`, `rPeaks must be strictly increasing (rPeaks[${i - 1}] = ${rPeaks[i - 1]}, rPeaks[${i}] = ${rPeaks[i]})`);
  }
  const out = new Float32Array(n * N_RR_FEATURES);
  if (n < 2) return out;
  // intervals[k] is the RR interval between beats k and k + 1
  const intervals = new Float64Array(n - 1);
  for (let k = 0; k < n - 1; k++) intervals[k] = rPeaks[k + 1] - rPeaks[k];
  const recordRR = median(intervals);
  // prefix sums for the centred local mean
  const prefix = new Float64Array(n);
  for (let k = 0; k < n - 1; k++) prefix[k + 1] = prefix[k] + intervals[k];
  const before = Math.floor(local / 2);
  const logRatio = (a: number, b: number) => Math.max(-LOG_RATIO_CAP, Math.min(LOG_RATIO_CAP, Math.log(a / b)));
  for (let i = 0; i < n; i++) {
    const prev = i > 0 ? intervals[i - 1] : intervals[0];
    const next = i < n - 1 ? intervals[i] : intervals[n - 2];
    // the `local` intervals around beat i (interval i - 1 ends at it), shifted inside the record at its ends
    const count = Math.min(local, n - 1);
    const from = Math.max(0, Math.min(i - before, n - 1 - count));
    const localRR = (prefix[from + count] - prefix[from]) / count;
    const row = i * N_RR_FEATURES;
    out[row] = logRatio(prev, recordRR);
    out[row + 1] = logRatio(next, recordRR);
    out[row + 2] = logRatio(localRR, recordRR);
    out[row + 3] = logRatio(prev, localRR);
    out[row + 4] = logRatio(prev, next);
  }
  return out;
}

function median(values: Float64Array): number {
  const s = Float64Array.from(values).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
