/**
 * Second-order-section filtering with scipy semantics: sosfilt (cascaded direct-form II
 * transposed biquads), sosfilt_zi and sosfiltfilt. The loops run one section at a time over
 * the whole signal (same arithmetic per sample as scipy's per-sample loop, so identical
 * results) with coefficients in locals and no allocation per sample.
 */
import { SignalError, assertFiniteSamples } from '../errors';
import { lfilterZi } from './lfilter';
import { extendEdges, resolvePadlen, type PadType } from './padding';

/** Rows [b0, b1, b2, 1, a1, a2]; the output of `butter`. */
export type SosLike = ArrayLike<ArrayLike<number>>;

/** Flattened, validated copy of sos (scipy's _validate_sos: shape (n, 6), a0 == 1). */
export function flattenSos(sos: SosLike, where: string): Float64Array {
  const n = sos.length;
  if (n < 1) throw new SignalError('BAD_ARGUMENT', where, 'sos must have at least one section');
  const flat = new Float64Array(6 * n);
  for (let s = 0; s < n; s++) {
    const row = sos[s];
    if (!row || row.length !== 6) throw new SignalError('BAD_ARGUMENT', where, `sos must be shape (n_sections, 6); section ${s} has ${row?.length} values`);
    assertFiniteSamples(row, where, `sos[${s}]`);
    if (row[3] !== 1) throw new SignalError('BAD_ARGUMENT', where, `sos[${s}][3] (a0) must be 1, got ${row[3]}`);
    for (let j = 0; j < 6; j++) flat[6 * s + j] = row[j];
  }
  return flat;
}

/**
 * Runs every section over y[start .. end) (step +1 forward, -1 backward) in place.
 * `zi` holds 2 state values per section and is updated to the final state.
 */
export function sosfiltInPlace(sos: Float64Array, y: Float64Array, zi: Float64Array, start: number, end: number, step: 1 | -1): void {
  const nSections = sos.length / 6;
  for (let s = 0; s < nSections; s++) {
    const o = 6 * s;
    const b0 = sos[o];
    const b1 = sos[o + 1];
    const b2 = sos[o + 2];
    const a1 = sos[o + 4];
    const a2 = sos[o + 5];
    let z0 = zi[2 * s];
    let z1 = zi[2 * s + 1];
    if (step === 1) {
      for (let i = start; i < end; i++) {
        const xn = y[i];
        const yn = b0 * xn + z0;
        z0 = b1 * xn - a1 * yn + z1;
        z1 = b2 * xn - a2 * yn;
        y[i] = yn;
      }
    } else {
      for (let i = start; i > end; i--) {
        const xn = y[i];
        const yn = b0 * xn + z0;
        z0 = b1 * xn - a1 * yn + z1;
        z1 = b2 * xn - a2 * yn;
        y[i] = yn;
      }
    }
    zi[2 * s] = z0;
    zi[2 * s + 1] = z1;
  }
}

/** scipy.signal.sosfilt(sos, x, zi=zi): y plus the final state zf (n_sections x 2). */
export function sosfilt(sos: SosLike, x: ArrayLike<number>, zi?: SosLike): { y: Float64Array; zf: number[][] } {
  const where = 'sosfilt';
  const flat = flattenSos(sos, where);
  assertFiniteSamples(x, where);
  const n = sos.length;
  const state = new Float64Array(2 * n);
  if (zi !== undefined) {
    if (zi.length !== n || Array.from(zi).some((r) => r.length !== 2)) {
      throw new SignalError('BAD_ARGUMENT', where, `zi must be shape (${n}, 2)`);
    }
    for (let s = 0; s < n; s++) {
      assertFiniteSamples(zi[s], where, `zi[${s}]`);
      state[2 * s] = zi[s][0];
      state[2 * s + 1] = zi[s][1];
    }
  }
  const y = Float64Array.from(x);
  sosfiltInPlace(flat, y, state, 0, y.length, 1);
  const zf = Array.from({ length: n }, (_, s) => [state[2 * s], state[2 * s + 1]]);
  return { y, zf };
}

function sosfiltZiFlat(flat: Float64Array): Float64Array {
  const n = flat.length / 6;
  const zi = new Float64Array(2 * n);
  let scale = 1.0;
  for (let s = 0; s < n; s++) {
    const b = flat.subarray(6 * s, 6 * s + 3);
    const a = flat.subarray(6 * s + 3, 6 * s + 6);
    const z = lfilterZi(b, a);
    zi[2 * s] = scale * z[0];
    zi[2 * s + 1] = scale * z[1];
    scale *= (b[0] + b[1] + b[2]) / (a[0] + a[1] + a[2]);
  }
  return zi;
}

/** scipy.signal.sosfilt_zi: per-section step-response steady state, scaled by the gain of the sections before it. */
export function sosfiltZi(sos: SosLike): number[][] {
  const zi = sosfiltZiFlat(flattenSos(sos, 'sosfiltZi'));
  return Array.from({ length: zi.length / 2 }, (_, s) => [zi[2 * s], zi[2 * s + 1]]);
}

export interface SosfiltfiltOptions {
  padtype?: PadType;
  /** Samples added at each end; default 3 * (2 * n_sections + 1 - min(#b2 == 0, #a2 == 0)) like scipy. */
  padlen?: number | null;
}

/** scipy's default sosfiltfilt pad length for these sections. */
export function sosfiltfiltDefaultPadlen(sos: SosLike): number {
  let b2zero = 0;
  let a2zero = 0;
  for (let s = 0; s < sos.length; s++) {
    if (sos[s][2] === 0) b2zero++;
    if (sos[s][5] === 0) a2zero++;
  }
  return 3 * (2 * sos.length + 1 - Math.min(b2zero, a2zero));
}

/** scipy.signal.sosfiltfilt(sos, x, padtype='odd', padlen=None): zero-phase forward-backward filtering. */
export function sosfiltfilt(sos: SosLike, x: ArrayLike<number>, options: SosfiltfiltOptions = {}): Float64Array {
  const where = 'sosfiltfilt';
  const padtype = options.padtype === undefined ? 'odd' : options.padtype;
  const flat = flattenSos(sos, where);
  assertFiniteSamples(x, where);
  const edge = resolvePadlen(padtype, options.padlen, x.length, sosfiltfiltDefaultPadlen(sos) / 3, where);
  const ext = extendEdges(x, edge, padtype);
  const zi = sosfiltZiFlat(flat);
  const state = new Float64Array(zi.length);
  const x0 = ext[0];
  for (let i = 0; i < zi.length; i++) state[i] = zi[i] * x0;
  sosfiltInPlace(flat, ext, state, 0, ext.length, 1);
  const y0 = ext[ext.length - 1];
  for (let i = 0; i < zi.length; i++) state[i] = zi[i] * y0;
  sosfiltInPlace(flat, ext, state, ext.length - 1, -1, -1);
  return ext.slice(edge, ext.length - edge);
}
