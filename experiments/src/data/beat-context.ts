import { beatFeatureSequence, beatFeatures, BEAT_FEATURE_NAMES, type BeatFeatures } from '@efficientecg/signal';

/** Features per beat row of a context sequence (RR prev/next/local, R amplitude, P present/amplitude/duration, PR). */
export const N_BEAT_FEATURES = BEAT_FEATURE_NAMES.length;

/**
 * The LSTM-AE input of beat i: the per-beat features of the `length` beats centred
 * on it (fewer at a record's ends, padded with mask 0), physiologically normalised,
 * with a mask of what was measured. P-wave features are never imputed.
 */
export function beatContextSequence(features: readonly BeatFeatures[], i: number, length: number): { values: Float32Array; mask: Float32Array } {
  const half = Math.floor(length / 2);
  const start = Math.max(0, i - half);
  const seq = beatFeatureSequence(features.slice(start, start + length), { length, crop: 'first', pad: 'end', normalize: 'physiological' });
  return { values: seq.values, mask: Float32Array.from(seq.mask) };
}

/** Beat features of one lead (P waves delineated inside, on the lead's own band-pass). */
export function recordBeatFeatures(lead: ArrayLike<number>, fs: number, rPeaks: ArrayLike<number>): BeatFeatures[] {
  return beatFeatures(lead, fs, rPeaks);
}
