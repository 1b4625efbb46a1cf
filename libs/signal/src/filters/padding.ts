/**
 * Edge extension used by filtfilt/sosfiltfilt (scipy's odd_ext / even_ext / const_ext and
 * _validate_pad), written straight into one buffer so the zero-phase filters allocate once.
 */
import { SignalError } from '../errors';

export type PadType = 'odd' | 'even' | 'constant' | null;

/** scipy's _validate_pad: the pad length actually used, or a TOO_SHORT error with scipy's wording. */
export function resolvePadlen(padtype: PadType | undefined, padlen: number | null | undefined, n: number, ntaps: number, where: string): number {
  if (padtype !== undefined && padtype !== null && padtype !== 'odd' && padtype !== 'even' && padtype !== 'constant') {
    throw new SignalError('BAD_ARGUMENT', where, `padtype must be 'odd', 'even', 'constant' or null, got ${String(padtype)}`);
  }
  if (padlen !== undefined && padlen !== null && (!Number.isInteger(padlen) || padlen < 0)) {
    throw new SignalError('BAD_ARGUMENT', where, `padlen must be a non-negative integer, got ${padlen}`);
  }
  const edge = padtype === null ? 0 : padlen ?? 3 * ntaps;
  if (n <= edge) {
    throw new SignalError('TOO_SHORT', where, `The length of the input vector x must be greater than padlen, which is ${edge} (x has ${n} samples)`);
  }
  return edge;
}

/** x extended by `edge` samples on each side; `edge` = 0 returns a plain Float64Array copy. */
export function extendEdges(x: ArrayLike<number>, edge: number, padtype: PadType): Float64Array {
  const n = x.length;
  const out = new Float64Array(n + 2 * edge);
  for (let i = 0; i < n; i++) out[edge + i] = x[i];
  if (edge === 0 || padtype === null) return out;
  const first = x[0];
  const last = x[n - 1];
  for (let i = 1; i <= edge; i++) {
    const l = x[i];
    const r = x[n - 1 - i];
    if (padtype === 'odd') {
      out[edge - i] = 2 * first - l;
      out[edge + n - 1 + i] = 2 * last - r;
    } else if (padtype === 'even') {
      out[edge - i] = l;
      out[edge + n - 1 + i] = r;
    } else {
      out[edge - i] = first;
      out[edge + n - 1 + i] = last;
    }
  }
  return out;
}
