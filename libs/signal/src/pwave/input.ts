import { SignalError, assertFiniteSamples, assertSamplingRate } from '../errors';

/**
 * Shared input checks for everything that works beat by beat on a signal plus R-peak indices:
 * finite samples, fs > 0, and R peaks that are integers, strictly increasing and inside the signal.
 */
export function assertBeatInputs(signal: ArrayLike<number>, fs: number, rPeaks: ArrayLike<number>, where: string): void {
  assertSamplingRate(fs, where);
  assertFiniteSamples(signal, where, 'signal');
  assertRPeaks(rPeaks, signal.length, where);
}

/** R peaks must be integer sample indices, strictly increasing, within [0, length). */
export function assertRPeaks(rPeaks: ArrayLike<number>, length: number, where: string): void {
  let prev = -1;
  for (let i = 0; i < rPeaks.length; i++) {
    const r = rPeaks[i];
    if (!Number.isInteger(r)) {
      throw new SignalError('BAD_ARGUMENT', where, `rPeaks[${i}] is ${r}; R peaks must be integer sample indices`);
    }
    if (r < 0 || r >= length) {
      throw new SignalError('BAD_ARGUMENT', where, `rPeaks[${i}] = ${r} is outside the signal (0..${length - 1})`);
    }
    if (r <= prev) {
      throw new SignalError('BAD_ARGUMENT', where, `rPeaks must be strictly increasing: rPeaks[${i}] = ${r} follows ${prev}`);
    }
    prev = r;
  }
}
