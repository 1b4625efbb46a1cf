import { SignalError, assertFiniteSamples } from '../errors';

/** Sampling rates the detectors are designed and tested for (Hz). */
export const MIN_DETECTOR_FS = 50;
export const MAX_DETECTOR_FS = 2000;

export type SignalInput = Float32Array | Float64Array | ArrayLike<number>;

/**
 * Validate a detector input and copy it to Float64 (the filters accumulate running sums,
 * which need double precision over hour-long records). Throws SignalError on NaN/Infinity
 * samples (NAN_SAMPLES) and on fs outside 50..2000 Hz (BAD_SAMPLING_RATE).
 */
export function detectorInput(signal: SignalInput, fs: number, where: string): Float64Array {
  if (signal == null || typeof (signal as ArrayLike<number>).length !== 'number') {
    throw new SignalError('BAD_ARGUMENT', where, 'signal must be an array of numbers');
  }
  if (typeof fs !== 'number' || !Number.isFinite(fs) || fs < MIN_DETECTOR_FS || fs > MAX_DETECTOR_FS) {
    throw new SignalError('BAD_SAMPLING_RATE', where, `fs must be within ${MIN_DETECTOR_FS}..${MAX_DETECTOR_FS} Hz, got ${fs}`);
  }
  assertFiniteSamples(signal, where, 'signal');
  // typed arrays copy through the fast constructor path; Float64Array.from iterates
  return ArrayBuffer.isView(signal) ? new Float64Array(signal as Float32Array) : Float64Array.from(signal as ArrayLike<number>);
}

/** True when every sample equals the first (a flat line holds no QRS complexes). */
export function isFlat(x: ArrayLike<number>): boolean {
  for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return false;
  return true;
}
