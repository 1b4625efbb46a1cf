/**
 * Direct-form II transposed IIR filtering with scipy semantics: lfilter (b, a normalised by a[0]),
 * lfilter_zi (steady-state initial conditions for a unit step) and filtfilt (forward-backward,
 * odd padding of 3*max(len(a), len(b)) samples by default).
 */
import { SignalError, assertFiniteSamples } from '../errors';
import { solveLinear } from './linalg';
import { extendEdges, resolvePadlen, type PadType } from './padding';

export interface Coefficients {
  b: ArrayLike<number>;
  a: ArrayLike<number>;
}

/** b and a divided by a[0] and zero-padded to one length (scipy strips leading zeros of a first). */
function normalizeBa(bIn: ArrayLike<number>, aIn: ArrayLike<number>, where: string): { b: Float64Array; a: Float64Array } {
  assertFiniteSamples(bIn, where, 'b');
  assertFiniteSamples(aIn, where, 'a');
  let a = Array.from(aIn);
  while (a.length > 1 && a[0] === 0) a = a.slice(1);
  if (bIn.length < 1 || a.length < 1 || a[0] === 0) {
    throw new SignalError('BAD_ARGUMENT', where, 'b must be non-empty and a must have a non-zero coefficient');
  }
  const n = Math.max(a.length, bIn.length);
  const b = new Float64Array(n);
  const an = new Float64Array(n);
  const a0 = a[0];
  for (let i = 0; i < bIn.length; i++) b[i] = bIn[i] / a0;
  for (let i = 0; i < a.length; i++) an[i] = a[i] / a0;
  return { b, a: an };
}

/** The filter loop, in place on `y` (which holds x on entry), state `z` of length order, updated. */
function runDf2t(b: Float64Array, a: Float64Array, y: Float64Array, z: Float64Array, start: number, end: number, step: 1 | -1): void {
  const order = b.length - 1;
  const b0 = b[0];
  if (order === 0) {
    for (let i = start; i !== end; i += step) y[i] = b0 * y[i];
    return;
  }
  for (let i = start; i !== end; i += step) {
    const xn = y[i];
    const yn = z[0] + b0 * xn;
    for (let k = 1; k < order; k++) z[k - 1] = z[k] + xn * b[k] - yn * a[k];
    z[order - 1] = xn * b[order] - yn * a[order];
    y[i] = yn;
  }
}

/** scipy.signal.lfilter(b, a, x, zi=zi): returns y and the final state zf (zeros state when zi is omitted). */
export function lfilter(b: ArrayLike<number>, a: ArrayLike<number>, x: ArrayLike<number>, zi?: ArrayLike<number>): { y: Float64Array; zf: Float64Array } {
  const where = 'lfilter';
  const { b: bn, a: an } = normalizeBa(b, a, where);
  assertFiniteSamples(x, where);
  const order = bn.length - 1;
  const z = new Float64Array(order);
  if (zi !== undefined) {
    if (zi.length !== order) throw new SignalError('BAD_ARGUMENT', where, `zi must have max(len(a), len(b)) - 1 = ${order} values, got ${zi.length}`);
    assertFiniteSamples(zi, where, 'zi');
    z.set(Array.from(zi));
  }
  const y = Float64Array.from(x);
  runDf2t(bn, an, y, z, 0, y.length, 1);
  return { y, zf: z };
}

/** scipy.signal.lfilter_zi: the state that makes lfilter's response to a unit step constant from sample 0. */
export function lfilterZi(b: ArrayLike<number>, a: ArrayLike<number>): Float64Array {
  const { b: bn, a: an } = normalizeBa(b, a, 'lfilterZi');
  const n = bn.length;
  if (n === 1) return new Float64Array(0);
  // (I - companion(a).T) zi = b[1:] - a[1:] * b[0]
  const m = n - 1;
  const A: number[][] = [];
  for (let i = 0; i < m; i++) {
    const row = new Array<number>(m).fill(0);
    row[i] = 1;
    row[0] += an[i + 1]; // companion(a).T has -a[1:] in its first column...
    if (i + 1 < m) row[i + 1] -= 1; // ...and ones on its superdiagonal
    A.push(row);
  }
  const B = Array.from({ length: m }, (_, i) => bn[i + 1] - an[i + 1] * bn[0]);
  return Float64Array.from(solveLinear(A, B));
}

export interface FiltfiltOptions {
  padtype?: PadType;
  /** Samples added at each end; default 3 * max(len(a), len(b)) like scipy. */
  padlen?: number | null;
}

/** scipy.signal.filtfilt(b, a, x, padtype='odd', padlen=None, method='pad'): zero-phase filtering. */
export function filtfilt(b: ArrayLike<number>, a: ArrayLike<number>, x: ArrayLike<number>, options: FiltfiltOptions = {}): Float64Array {
  const where = 'filtfilt';
  const padtype = options.padtype === undefined ? 'odd' : options.padtype;
  const { b: bn, a: an } = normalizeBa(b, a, where);
  assertFiniteSamples(x, where);
  const edge = resolvePadlen(padtype, options.padlen, x.length, Math.max(b.length, a.length), where);
  const ext = extendEdges(x, edge, padtype);
  const zi = lfilterZi(bn, an);
  const z = new Float64Array(zi.length);
  const x0 = ext[0];
  for (let i = 0; i < zi.length; i++) z[i] = zi[i] * x0;
  runDf2t(bn, an, ext, z, 0, ext.length, 1);
  const y0 = ext[ext.length - 1];
  for (let i = 0; i < zi.length; i++) z[i] = zi[i] * y0;
  runDf2t(bn, an, ext, z, ext.length - 1, -1, -1);
  return ext.slice(edge, ext.length - edge);
}
