import { beatFeatures, cleanEcg, detectRPeaks, resampleToRate, type BeatFeatures } from '@efficientecg/signal';

/**
 * One lead cleaned at its own rate, where R peaks and beat features are found (the
 * detector and P-wave delineator are validated at 250-500 Hz, a model may run lower),
 * then resampled to `fs` with the R peaks mapped onto the new rate. CinC 2017 and PTB-XL
 * training data and `ecg predict` all go through here, so they see the same inputs.
 */
export function analyseLead(raw: ArrayLike<number>, rawFs: number, fs: number, withFeatures: boolean, rPeakMethod?: string): { signal: Float32Array; rPeaks: Int32Array; features: BeatFeatures[] } {
  const clean = cleanEcg(raw, rawFs).signal;
  const signal = Float32Array.from(fs === rawFs ? clean : resampleToRate(clean, rawFs, fs));
  if (!withFeatures) return { signal, rPeaks: new Int32Array(0), features: [] };
  const peaks = detectRPeaks(clean, rawFs, { method: rPeakMethod });
  const ratio = fs / rawFs;
  const toNewRate = (s: number) => Math.min(signal.length - 1, Math.round(s * ratio));
  const features = peaks.length > 0 ? beatFeatures(clean, rawFs, peaks).map((f) => ({ ...f, rPeak: toNewRate(f.rPeak) })) : [];
  return { signal, rPeaks: Int32Array.from(peaks, toNewRate), features };
}

