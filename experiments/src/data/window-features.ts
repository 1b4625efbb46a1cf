import { beatFeatureSequence, type BeatFeatures } from '@efficientecg/signal';

/** Beat-feature sequence of the beats whose R peak lies in [start, end) (record context: RR from outside the window kept). */
export function windowFeatureSequence(features: readonly BeatFeatures[], start: number, end: number, length: number): { values: Float32Array; mask: Float32Array } {
  const inside = features.filter((f) => f.rPeak >= start && f.rPeak < end);
  const seq = beatFeatureSequence(inside, { length, crop: 'centre', pad: 'end', normalize: 'physiological' });
  return { values: seq.values, mask: Float32Array.from(seq.mask) };
}
