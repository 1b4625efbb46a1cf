import { SignalError } from '../errors';
import { delineatePWaves } from '../pwave/delineate';
import { assertBeatInputs } from '../pwave/input';
import type { PWave, PWaveOptions } from '../pwave/types';

/**
 * Per-beat rhythm and P-wave features (the LSTM autoencoder's input). Times in seconds,
 * amplitudes in signal units (mV for ECG); null when the value does not exist for this beat
 * (no previous beat, no P wave, ...). Nothing is imputed here: the sequence builder masks nulls.
 */
export interface BeatFeatures {
  /** R-peak sample index in the signal the features were computed from. */
  rPeak: number;
  /** Seconds since the previous R peak (null for the first beat). */
  rrPrev: number | null;
  /** Seconds to the next R peak (null for the last beat). */
  rrNext: number | null;
  /** Mean of the last RR_LOCAL_BEATS RR intervals ending at this beat (fewer near the start; null for the first beat). */
  rrLocalMean: number | null;
  /**
   * Signal at the R peak minus the isoelectric level (signed): the mean of the 20 ms ending at the
   * QRS onset (the PR segment) when the delineation found a QRS onset, else the median of the
   * surrounding +-300 ms.
   */
  rAmplitude: number;
  pPresent: boolean;
  /** Signed P amplitude (negative for an inverted P); null when no P wave. */
  pAmplitude: number | null;
  /** P offset - onset in seconds; null when no P wave. */
  pDuration: number | null;
  /** P onset to QRS onset in seconds; null when no P wave or no QRS onset was found. */
  prInterval: number | null;
}

/** Number of RR intervals averaged by rrLocalMean. */
export const RR_LOCAL_BEATS = 8;

/** Column order of the feature sequence. */
export const BEAT_FEATURE_NAMES = ['rrPrev', 'rrNext', 'rrLocalMean', 'rAmplitude', 'pPresent', 'pAmplitude', 'pDuration', 'prInterval'] as const;
export type BeatFeatureName = (typeof BEAT_FEATURE_NAMES)[number];

export interface BeatFeatureOptions {
  /** P waves for the same R peaks (e.g. from delineatePWaves); computed when absent. */
  pwaves?: readonly PWave[];
  pwaveOptions?: PWaveOptions;
}

const WHERE = 'beatFeatures';
const BASELINE_HALF_WINDOW_S = 0.3;
const PR_SEGMENT_S = 0.02;

export function beatFeatures(signal: ArrayLike<number>, fs: number, rPeaks: ArrayLike<number>, options: BeatFeatureOptions = {}): BeatFeatures[] {
  assertBeatInputs(signal, fs, rPeaks, WHERE);
  const n = rPeaks.length;
  if (n === 0) return [];
  const pwaves = options.pwaves ?? delineatePWaves(signal, fs, rPeaks, options.pwaveOptions);
  if (pwaves.length !== n) {
    throw new SignalError('BAD_ARGUMENT', WHERE, `pwaves has ${pwaves.length} entries for ${n} R peaks; pass one P wave per R peak`);
  }
  const out: BeatFeatures[] = [];
  let rrSum = 0; // sum of the last (up to) RR_LOCAL_BEATS intervals, kept incrementally
  for (let i = 0; i < n; i++) {
    const r = rPeaks[i];
    const p = pwaves[i];
    if (p.rPeak !== r) {
      throw new SignalError('BAD_ARGUMENT', WHERE, `pwaves[${i}].rPeak is ${p.rPeak} but rPeaks[${i}] is ${r}; P waves must match the R peaks one to one`);
    }
    const rrPrev = i > 0 ? (r - rPeaks[i - 1]) / fs : null;
    if (i > 0) {
      rrSum += r - rPeaks[i - 1];
      if (i > RR_LOCAL_BEATS) rrSum -= rPeaks[i - RR_LOCAL_BEATS] - rPeaks[i - RR_LOCAL_BEATS - 1];
    }
    const count = Math.min(i, RR_LOCAL_BEATS);
    const present = p.present && p.onset !== null && p.offset !== null && p.amplitude !== null;
    out.push({
      rPeak: r,
      rrPrev,
      rrNext: i + 1 < n ? (rPeaks[i + 1] - r) / fs : null,
      rrLocalMean: count > 0 ? rrSum / count / fs : null,
      rAmplitude: signal[r] - isoelectricLevel(signal, fs, r, p.qrsOnset),
      pPresent: present,
      pAmplitude: present ? p.amplitude : null,
      pDuration: present ? (p.offset! - p.onset!) / fs : null,
      prInterval: present && p.qrsOnset !== null ? (p.qrsOnset - p.onset!) / fs : null,
    });
  }
  return out;
}

function isoelectricLevel(signal: ArrayLike<number>, fs: number, r: number, qrsOnset: number | null): number {
  if (qrsOnset !== null && qrsOnset < r) {
    const from = Math.max(0, qrsOnset - Math.round(PR_SEGMENT_S * fs));
    let sum = 0;
    for (let k = from; k <= qrsOnset; k++) sum += signal[k];
    return sum / (qrsOnset - from + 1);
  }
  return localMedian(signal, r, Math.round(BASELINE_HALF_WINDOW_S * fs));
}

/** Median of signal[center-half .. center+half] (clipped to the signal): the local baseline. */
function localMedian(signal: ArrayLike<number>, center: number, half: number): number {
  const from = Math.max(0, center - half);
  const to = Math.min(signal.length - 1, center + half);
  const values = new Float64Array(to - from + 1);
  for (let k = from; k <= to; k++) values[k - from] = signal[k];
  values.sort();
  const m = values.length >> 1;
  return values.length % 2 ? values[m] : (values[m - 1] + values[m]) / 2;
}

export interface BeatWindowOptions extends BeatFeatureOptions {
  /**
   * 'record' (default): features see the whole record, so the window's first beat keeps its
   * rrPrev and local mean from beats before the window. 'window': the window is treated as a
   * recording of its own (what a model fed only that window could know).
   */
  context?: 'record' | 'window';
  /** Features already computed for the whole record (context 'record' only); saves recomputation per window. */
  features?: readonly BeatFeatures[];
}

/**
 * Features of the beats whose R peak lies in [start, end). rPeak indices stay in record
 * coordinates in both contexts.
 */
export function beatFeaturesInWindow(
  signal: ArrayLike<number>,
  fs: number,
  rPeaks: ArrayLike<number>,
  start: number,
  end: number,
  options: BeatWindowOptions = {},
): BeatFeatures[] {
  const where = 'beatFeaturesInWindow';
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > signal.length || start >= end) {
    throw new SignalError('BAD_ARGUMENT', where, `window [${start}, ${end}) must be integers with 0 <= start < end <= ${signal.length}`);
  }
  if ((options.context ?? 'record') === 'record') {
    const all = options.features ?? beatFeatures(signal, fs, rPeaks, options);
    if (all.length !== rPeaks.length) {
      throw new SignalError('BAD_ARGUMENT', where, `features has ${all.length} entries for ${rPeaks.length} R peaks`);
    }
    return all.filter((f) => f.rPeak >= start && f.rPeak < end);
  }
  if (options.pwaves) throw new SignalError('BAD_ARGUMENT', where, "pwaves cannot be reused with context 'window'; they are recomputed on the window");
  assertBeatInputs(signal, fs, rPeaks, where);
  const inside: number[] = [];
  for (let i = 0; i < rPeaks.length; i++) if (rPeaks[i] >= start && rPeaks[i] < end) inside.push(rPeaks[i] - start);
  const view = Float64Array.from({ length: end - start }, (_, k) => signal[start + k]);
  return beatFeatures(view, fs, inside, { pwaveOptions: options.pwaveOptions }).map((f) => ({ ...f, rPeak: f.rPeak + start }));
}
