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

/**
 * The `edge` samples scipy puts before x (into `left`, in time order) and after it (into `right`):
 * odd: 2*x[0] - x[edge..1] and 2*x[n-1] - x[n-2..n-1-edge]; even: the mirror images; constant: x[0] / x[n-1].
 */
export function fillEdges(x: ArrayLike<number>, edge: number, padtype: PadType, left: Float64Array, right: Float64Array): void {
  const n = x.length;
  if (edge === 0 || padtype === null) return;
  const first = x[0];
  const last = x[n - 1];
  for (let i = 1; i <= edge; i++) {
    const l = x[i];
    const r = x[n - 1 - i];
    if (padtype === 'odd') {
      left[edge - i] = 2 * first - l;
      right[i - 1] = 2 * last - r;
    } else if (padtype === 'even') {
      left[edge - i] = l;
      right[i - 1] = r;
    } else {
      left[edge - i] = first;
      right[i - 1] = last;
    }
  }
}

/** x extended by `edge` samples on each side (one buffer), as scipy's odd_ext / even_ext / const_ext. */
export function extendEdges(x: ArrayLike<number>, edge: number, padtype: PadType): Float64Array {
  const n = x.length;
  const out = new Float64Array(n + 2 * edge);
  for (let i = 0; i < n; i++) out[edge + i] = x[i];
  if (edge === 0 || padtype === null) return out;
  fillEdges(x, edge, padtype, out.subarray(0, edge), out.subarray(edge + n));
  return out;
}
