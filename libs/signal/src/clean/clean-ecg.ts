/**
 * The default ECG cleaning pipeline, with every step it ran reported by name and parameters
 * so experiments can log exactly what was done to the signal.
 *
 * Default (the paper does not say what "filtered ECG" means; this is the common choice):
 *   1. baseline-median   x - medfilt(medfilt(x, 200 ms), 600 ms)   (baseline wander)
 *   2. notch             off by default (the 40 Hz low-pass already removes 50/60 Hz mains);
 *                        `notch: { freq: 50 }` adds a zero-phase iirnotch (Q = 30)
 *   3. bandpass-butter   Butterworth N = 4, 0.5-40 Hz, zero-phase (sosfiltfilt, odd padding),
 *                        i.e. scipy.signal.sosfiltfilt(butter(4, [0.5, 40], 'bandpass', fs=fs, output='sos'), x)
 * Any step can be switched off with `false`. Cut-offs are checked against fs (a 40 Hz edge needs
 * fs > 80 Hz): an impossible one is a BAD_CUTOFF error, never silently moved.
 */
import { assertFiniteSamples, assertSamplingRate } from '../errors';
import { butter } from '../filters/butter';
import { filtfilt } from '../filters/lfilter';
import { iirnotch } from '../filters/iirnotch';
import { sosfiltfilt } from '../filters/sosfilt';
import { estimateBaselineMedian, type MedianBaselineOptions } from './baseline-median';

export interface BandpassOptions {
  /** Butterworth order N as in scipy.signal.butter (default 4). */
  order?: number;
  /** Low cut-off in Hz (default 0.5). */
  low?: number;
  /** High cut-off in Hz (default 40). */
  high?: number;
}

export interface NotchOptions {
  /** Mains frequency in Hz (50 or 60). */
  freq: number;
  /** Quality factor (default 30). */
  Q?: number;
}

export interface CleanEcgOptions {
  baseline?: false | MedianBaselineOptions;
  notch?: false | NotchOptions;
  bandpass?: false | BandpassOptions;
}

export interface CleaningStep {
  name: 'baseline-median' | 'notch' | 'bandpass-butter';
  params: Record<string, number | string | number[]>;
}

export const DEFAULT_CLEAN_ECG = {
  baseline: { firstMs: 200, secondMs: 600 },
  notch: false,
  bandpass: { order: 4, low: 0.5, high: 40 },
} as const;

export function cleanEcg(x: ArrayLike<number>, fs: number, options: CleanEcgOptions = {}): { signal: Float64Array; steps: CleaningStep[] } {
  const where = 'cleanEcg';
  assertSamplingRate(fs, where);
  assertFiniteSamples(x, where);
  const steps: CleaningStep[] = [];
  let signal: Float64Array = Float64Array.from(x);

  const baseline = options.baseline === undefined ? DEFAULT_CLEAN_ECG.baseline : options.baseline;
  if (baseline !== false) {
    const firstMs = baseline.firstMs ?? DEFAULT_CLEAN_ECG.baseline.firstMs;
    const secondMs = baseline.secondMs ?? DEFAULT_CLEAN_ECG.baseline.secondMs;
    const { baseline: b, kernels } = estimateBaselineMedian(signal, fs, { firstMs, secondMs });
    for (let i = 0; i < signal.length; i++) signal[i] -= b[i];
    steps.push({ name: 'baseline-median', params: { firstMs, secondMs, kernels } });
  }

  const notch = options.notch ?? DEFAULT_CLEAN_ECG.notch;
  if (notch !== false) {
    const Q = notch.Q ?? 30;
    const { b, a } = iirnotch(notch.freq, Q, fs);
    signal = filtfilt(b, a, signal);
    steps.push({ name: 'notch', params: { freq: notch.freq, Q, method: 'iirnotch+filtfilt' } });
  }

  const bandpass = options.bandpass === undefined ? DEFAULT_CLEAN_ECG.bandpass : options.bandpass;
  if (bandpass !== false) {
    const order = bandpass.order ?? DEFAULT_CLEAN_ECG.bandpass.order;
    const low = bandpass.low ?? DEFAULT_CLEAN_ECG.bandpass.low;
    const high = bandpass.high ?? DEFAULT_CLEAN_ECG.bandpass.high;
    signal = sosfiltfilt(butter(order, [low, high], 'bandpass', fs), signal);
    steps.push({ name: 'bandpass-butter', params: { order, low, high, method: 'butter+sosfiltfilt' } });
  }
  return { signal, steps };
}
