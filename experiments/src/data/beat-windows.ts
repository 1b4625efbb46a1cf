import type { BeatFeatures } from '@efficientecg/signal';
import { beatContextSequence } from './beat-context';
import { zscoreInto } from './normalize';

/** Model inputs of one beat: the window around its R peak and its beat-feature context. */
export interface BeatInputs {
  /** [before + after, leads] interleaved, z-scored per lead. */
  signal: Float32Array;
  features: Float32Array | null;
  mask: Float32Array | null;
}

/**
 * Cut the window of the beat at `rPeaks[i]` out of cleaned leads and take its
 * feature context; null when the window runs off the record. Shared by the MIT-BIH
 * training data and `ecg predict`, so both see beats the same way.
 */
export function beatInputs(
  cleaned: readonly Float32Array[],
  rPeaks: ArrayLike<number>,
  i: number,
  window: { before: number; after: number },
  features: readonly BeatFeatures[] | null,
  contextBeats: number,
): BeatInputs | null {
  const length = window.before + window.after;
  const start = rPeaks[i] - window.before;
  const n = cleaned[0].length;
  if (start < 0 || start + length > n) return null;
  const leads = cleaned.length;
  const w = new Float32Array(length * leads);
  cleaned.forEach((ch, c) => {
    for (let t = 0; t < length; t++) w[t * leads + c] = ch[start + t];
  });
  zscoreInto(w, length, leads);
  if (!features || contextBeats === 0) return { signal: w, features: null, mask: null };
  const ctx = beatContextSequence(features, i, contextBeats);
  return { signal: w, features: ctx.values, mask: ctx.mask };
}
