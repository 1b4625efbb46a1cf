/** Argument checks shared by the filter designers: each failure is a SignalError naming the argument. */
import { SignalError, assertSamplingRate } from '../errors';

export type BandType = 'lowpass' | 'highpass' | 'bandpass' | 'bandstop';
export const BAND_TYPES: readonly BandType[] = ['lowpass', 'highpass', 'bandpass', 'bandstop'];

/** Highest Butterworth order accepted: beyond ~20 the design is numerically meaningless for ECG work. */
export const MAX_FILTER_ORDER = 20;

export function assertOrder(order: number, where: string): void {
  if (!Number.isInteger(order) || order < 1 || order > MAX_FILTER_ORDER) {
    throw new SignalError('BAD_ORDER', where, `order must be an integer in 1..${MAX_FILTER_ORDER}, got ${order}`);
  }
}

/** Cut-off(s) in Hz checked against fs: 0 < f < fs/2, and low < high for band filters. Returns [f] or [low, high]. */
export function checkCutoff(cutoff: number | readonly number[], btype: BandType, fs: number, where: string): number[] {
  assertSamplingRate(fs, where);
  if (!BAND_TYPES.includes(btype)) {
    throw new SignalError('BAD_ARGUMENT', where, `btype must be one of ${BAND_TYPES.join(', ')}, got ${String(btype)}`);
  }
  const band = btype === 'bandpass' || btype === 'bandstop';
  const list = typeof cutoff === 'number' ? [cutoff] : Array.from(cutoff);
  if (list.length !== (band ? 2 : 1)) {
    throw new SignalError('BAD_CUTOFF', where, `${btype} needs ${band ? 'two cut-offs [low, high]' : 'one cut-off'} in Hz, got ${JSON.stringify(cutoff)}`);
  }
  const nyquist = fs / 2;
  for (const f of list) {
    if (typeof f !== 'number' || !Number.isFinite(f) || f <= 0 || f >= nyquist) {
      throw new SignalError('BAD_CUTOFF', where, `cut-off ${f} Hz must be > 0 and < fs/2 = ${nyquist} Hz`);
    }
  }
  if (band && !(list[0] < list[1])) {
    throw new SignalError('BAD_CUTOFF', where, `low cut-off ${list[0]} Hz must be below high cut-off ${list[1]} Hz`);
  }
  return list;
}
