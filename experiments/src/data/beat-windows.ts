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

/**
 * The record's median beat: the per-sample median, over every beat of the record with a full
 * window, of the z-scored windows beatInputs cuts ([before + after, leads] interleaved). A beat
 * shown beside it (withRecordTemplate) is judged against the patient's own usual beat, so a
 * wide QRS that is usual for this patient (bundle branch block) differs from one that is not
 * (a ventricular beat): the morphology counterpart of the RR ratios to the record's median RR.
 * Uses no labels, only the beat positions. All zeros when no beat has a full window.
 */
export function recordBeatTemplate(cleaned: readonly Float32Array[], rPeaks: ArrayLike<number>, window: { before: number; after: number }): Float32Array {
  const width = (window.before + window.after) * cleaned.length;
  const windows: Float32Array[] = [];
  for (let i = 0; i < rPeaks.length; i++) {
    const x = beatInputs(cleaned, rPeaks, i, window, null, 0);
    if (x) windows.push(x.signal);
  }
  const template = new Float32Array(width);
  if (windows.length === 0) return template;
  const column = new Float32Array(windows.length);
  const m = windows.length >> 1;
  for (let j = 0; j < width; j++) {
    for (let b = 0; b < windows.length; b++) column[b] = windows[b][j];
    column.sort();
    template[j] = windows.length % 2 ? column[m] : (column[m - 1] + column[m]) / 2;
  }
  return template;
}

/** A beat window [length, leads] and the record's template [length, leads] as one [length, 2 * leads] window: the beat's leads, then the template's. */
export function withRecordTemplate(signal: Float32Array, template: Float32Array, length: number, leads: number): Float32Array {
  if (signal.length !== length * leads || template.length !== length * leads) {
    throw new RangeError(`withRecordTemplate: expected ${length * leads} values per window, got a beat of ${signal.length} and a template of ${template.length}`);
  }
  const out = new Float32Array(length * 2 * leads);
  for (let t = 0; t < length; t++) {
    for (let c = 0; c < leads; c++) {
      out[t * 2 * leads + c] = signal[t * leads + c];
      out[t * 2 * leads + leads + c] = template[t * leads + c];
    }
  }
  return out;
}
