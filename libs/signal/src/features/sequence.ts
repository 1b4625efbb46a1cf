import { SignalError } from '../errors';
import { BEAT_FEATURE_NAMES, type BeatFeatureName, type BeatFeatures } from './beat-features';

const N_FEATURES = BEAT_FEATURE_NAMES.length;

/** Per-feature shift and scale: value -> (value - mean) / std, in BEAT_FEATURE_NAMES order. */
export interface FeatureNormalization {
  mean: readonly number[];
  std: readonly number[];
}

/**
 * Fixed physiological scaling (no fitting needed): RR around 0.8 s, R amplitude around 1 mV,
 * P amplitude ~0.1 mV, P duration ~0.1 s, PR ~0.16 s; the presence flag stays 0/1.
 * Brings every column to roughly unit range for the LSTM.
 */
export const PHYSIOLOGICAL_NORMALIZATION: FeatureNormalization = {
  mean: [0.8, 0.8, 0.8, 1.0, 0, 0.1, 0.1, 0.16],
  std: [0.25, 0.25, 0.25, 0.6, 1, 0.08, 0.03, 0.05],
};

/** Mean and standard deviation of each feature over all non-null values (e.g. of a training split). */
export function fitFeatureNormalization(records: readonly (readonly BeatFeatures[])[]): FeatureNormalization {
  const sum = new Float64Array(N_FEATURES);
  const sumSq = new Float64Array(N_FEATURES);
  const count = new Float64Array(N_FEATURES);
  for (const beats of records) {
    for (const b of beats) {
      for (let f = 0; f < N_FEATURES; f++) {
        const v = featureValue(b, BEAT_FEATURE_NAMES[f]);
        if (v === null) continue;
        sum[f] += v;
        sumSq[f] += v * v;
        count[f]++;
      }
    }
  }
  const mean: number[] = [];
  const std: number[] = [];
  for (let f = 0; f < N_FEATURES; f++) {
    const m = count[f] ? sum[f] / count[f] : 0;
    const variance = count[f] ? Math.max(0, sumSq[f] / count[f] - m * m) : 0;
    mean.push(m);
    // a constant (or absent) feature keeps its scale rather than dividing by zero
    std.push(variance > 1e-12 ? Math.sqrt(variance) : 1);
  }
  return { mean, std };
}

export interface BeatSequenceOptions {
  /** Number of beat rows in the output. */
  length: number;
  /**
   * Which beats to keep when there are more than `length`: 'centre' (default; window edges are
   * where delineation is least reliable), 'first' or 'last'.
   */
  crop?: 'centre' | 'first' | 'last';
  /** Where padding rows go when there are fewer beats: 'end' (default) or 'start'. */
  pad?: 'end' | 'start';
  /** Scaling applied to present values; 'none' (default) keeps seconds / mV. */
  normalize?: FeatureNormalization | 'physiological' | 'none';
}

export interface BeatSequence {
  /** length x 8, row-major (beat, feature); missing values and padding are 0. */
  values: Float32Array;
  /** length x 8: 1 where values holds a real measurement, 0 for missing (null) or padding. */
  mask: Uint8Array;
  /** length: 1 for rows holding a beat, 0 for padding rows. */
  beatMask: Uint8Array;
  /** R-peak sample of each row, -1 for padding. */
  rPeaks: Int32Array;
  names: readonly BeatFeatureName[];
  length: number;
}

/** Fixed-length feature matrix for a sequence model, with a mask instead of imputed values. */
export function beatFeatureSequence(features: readonly BeatFeatures[], options: BeatSequenceOptions): BeatSequence {
  const where = 'beatFeatureSequence';
  const { length } = options;
  if (!Number.isInteger(length) || length <= 0) throw new SignalError('BAD_ARGUMENT', where, `length must be a positive integer, got ${length}`);
  const crop = options.crop ?? 'centre';
  const pad = options.pad ?? 'end';
  if (!['centre', 'first', 'last'].includes(crop)) throw new SignalError('BAD_ARGUMENT', where, `crop must be 'centre', 'first' or 'last', got ${crop}`);
  if (!['end', 'start'].includes(pad)) throw new SignalError('BAD_ARGUMENT', where, `pad must be 'end' or 'start', got ${pad}`);
  const norm = resolveNormalization(options.normalize ?? 'none', where);

  const kept = Math.min(length, features.length);
  const from = crop === 'first' ? 0 : crop === 'last' ? features.length - kept : Math.floor((features.length - kept) / 2);
  const rowOffset = pad === 'start' ? length - kept : 0;

  const values = new Float32Array(length * N_FEATURES);
  const mask = new Uint8Array(length * N_FEATURES);
  const beatMask = new Uint8Array(length);
  const rPeaks = new Int32Array(length).fill(-1);
  for (let k = 0; k < kept; k++) {
    const beat = features[from + k];
    const row = rowOffset + k;
    beatMask[row] = 1;
    rPeaks[row] = beat.rPeak;
    for (let f = 0; f < N_FEATURES; f++) {
      const v = featureValue(beat, BEAT_FEATURE_NAMES[f]);
      if (v === null || !Number.isFinite(v)) continue;
      values[row * N_FEATURES + f] = norm ? (v - norm.mean[f]) / norm.std[f] : v;
      mask[row * N_FEATURES + f] = 1;
    }
  }
  return { values, mask, beatMask, rPeaks, names: BEAT_FEATURE_NAMES, length };
}

function featureValue(b: BeatFeatures, name: BeatFeatureName): number | null {
  if (name === 'pPresent') return b.pPresent ? 1 : 0;
  return b[name];
}

function resolveNormalization(n: FeatureNormalization | 'physiological' | 'none', where: string): FeatureNormalization | null {
  if (n === 'none') return null;
  if (n === 'physiological') return PHYSIOLOGICAL_NORMALIZATION;
  if (typeof n !== 'object' || n.mean?.length !== N_FEATURES || n.std?.length !== N_FEATURES) {
    throw new SignalError('BAD_ARGUMENT', where, `normalize must be 'none', 'physiological' or {mean, std} with ${N_FEATURES} entries each`);
  }
  for (let f = 0; f < N_FEATURES; f++) {
    if (!Number.isFinite(n.mean[f]) || !Number.isFinite(n.std[f]) || n.std[f] <= 0) {
      throw new SignalError('BAD_ARGUMENT', where, `normalize.${BEAT_FEATURE_NAMES[f]}: mean must be finite and std > 0 (got ${n.mean[f]}, ${n.std[f]})`);
    }
  }
  return n;
}
