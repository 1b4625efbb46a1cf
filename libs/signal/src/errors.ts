/**
 * One typed error for every bad input the signal functions meet. `code` says what kind of
 * problem it is (so callers can branch on it), `where` names the function and argument,
 * `detail` says what was wrong in words a researcher can act on.
 */
export type SignalErrorCode =
  | 'BAD_ARGUMENT' // an impossible argument (negative kernel, unknown option, wrong array shape...)
  | 'NAN_SAMPLES' // NaN or infinite samples in an input signal
  | 'TOO_SHORT' // the signal is too short for the operation (e.g. shorter than filtfilt's padlen)
  | 'BAD_SAMPLING_RATE' // fs <= 0 or not finite
  | 'BAD_CUTOFF' // a cut-off <= 0, >= Nyquist, or low >= high
  | 'BAD_ORDER' // a filter order outside the supported range
  | 'FLAT_SIGNAL' // a constant signal where the operation needs variation (e.g. strict normalisation)
  | 'NO_PEAKS'; // a detector found nothing to work with

export class SignalError extends Error {
  override readonly name = 'SignalError';
  constructor(
    readonly code: SignalErrorCode,
    readonly where: string,
    readonly detail: string,
  ) {
    super(`${where}: ${code}: ${detail}`);
  }
}

export function isSignalError(e: unknown, code?: SignalErrorCode): e is SignalError {
  return e instanceof SignalError && (code === undefined || e.code === code);
}

/** Throws NAN_SAMPLES naming the first bad index; one tight pass, no allocation. */
export function assertFiniteSamples(x: ArrayLike<number>, where: string, name = 'x'): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) {
      throw new SignalError('NAN_SAMPLES', where, `${name}[${i}] is ${v}; samples must be finite numbers`);
    }
  }
}

/** Throws BAD_SAMPLING_RATE unless fs is a finite number > 0. */
export function assertSamplingRate(fs: number, where: string): void {
  if (typeof fs !== 'number' || !Number.isFinite(fs) || fs <= 0) {
    throw new SignalError('BAD_SAMPLING_RATE', where, `fs must be a finite number > 0 Hz, got ${fs}`);
  }
}
