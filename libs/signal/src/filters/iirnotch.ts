/** scipy.signal.iirnotch: second-order notch at w0 Hz with quality factor Q (bandwidth w0/Q). */
import { SignalError, assertSamplingRate } from '../errors';

export function iirnotch(w0: number, Q: number, fs: number): { b: number[]; a: number[] } {
  const where = 'iirnotch';
  assertSamplingRate(fs, where);
  if (typeof w0 !== 'number' || !Number.isFinite(w0) || w0 <= 0 || w0 >= fs / 2) {
    throw new SignalError('BAD_CUTOFF', where, `notch frequency w0 = ${w0} Hz must be > 0 and < fs/2 = ${fs / 2} Hz`);
  }
  if (typeof Q !== 'number' || !Number.isFinite(Q) || Q <= 0) {
    throw new SignalError('BAD_ARGUMENT', where, `quality factor Q must be a finite number > 0, got ${Q}`);
  }
  const w = (2 * w0) / fs;
  const bw = (w / Q) * Math.PI;
  const wRad = w * Math.PI;
  const beta = Math.tan(bw / 2.0);
  const gain = 1.0 / (1.0 + beta);
  const c = Math.cos(wRad);
  return { b: [gain * 1.0, gain * (-2.0 * c), gain * 1.0], a: [1.0, -2.0 * gain * c, 2.0 * gain - 1.0] };
}
