/**
 * Second-order-section filtering with scipy semantics: sosfilt (cascaded direct-form II
 * transposed biquads), sosfilt_zi and sosfiltfilt. The loops run one section at a time over
 * the whole signal (same arithmetic per sample as scipy's per-sample loop, so identical
 * results) with coefficients in locals and no allocation per sample.
 */
import { SignalError, assertFiniteSamples } from '../errors';
import { lfilterZi } from './lfilter';
import { fillEdges, resolvePadlen, type PadType } from './padding';

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

/** Sections are run four at a time, sample by sample, with coefficients and state in locals. */
const GROUP = 4;

/**
 * Pads the flat sections to a multiple of four with identity sections (b0 = 1, the rest 0),
 * which pass samples through unchanged (1*x + 0 = x exactly), so one unrolled kernel serves every order.
 */
export function groupSections(flat: Float64Array): Float64Array {
  const n = flat.length / 6;
  const groups = Math.ceil(n / GROUP);
  const out = new Float64Array(groups * GROUP * 6);
  out.set(flat);
  for (let s = n; s < groups * GROUP; s++) {
    out[6 * s] = 1;
    out[6 * s + 3] = 1;
  }
  return out;
}

/**
 * Runs one group of four sections (coefficients c[o .. o+24), state st[so .. so+8)) over
 * y[start], y[start+step], ... (count samples) in place. Sample-outer order lets the CPU
 * overlap the four sections' recurrences, each of which is a serial latency chain.
 * Arithmetic per section and sample is scipy's: y = b0 x + z0; z0 = b1 x - a1 y + z1; z1 = b2 x - a2 y.
 */
function runGroup(c: Float64Array, o: number, st: Float64Array, so: number, y: Float64Array, start: number, count: number, step: number): void {
  const b00 = c[o], b01 = c[o + 1], b02 = c[o + 2], a01 = c[o + 4], a02 = c[o + 5];
  const b10 = c[o + 6], b11 = c[o + 7], b12 = c[o + 8], a11 = c[o + 10], a12 = c[o + 11];
  const b20 = c[o + 12], b21 = c[o + 13], b22 = c[o + 14], a21 = c[o + 16], a22 = c[o + 17];
  const b30 = c[o + 18], b31 = c[o + 19], b32 = c[o + 20], a31 = c[o + 22], a32 = c[o + 23];
  let z00 = st[so], z01 = st[so + 1], z10 = st[so + 2], z11 = st[so + 3];
  let z20 = st[so + 4], z21 = st[so + 5], z30 = st[so + 6], z31 = st[so + 7];
  let i = start;
  for (let k = 0; k < count; k++, i += step) {
    const x0 = y[i];
    const y0 = b00 * x0 + z00;
    z00 = b01 * x0 - a01 * y0 + z01;
    z01 = b02 * x0 - a02 * y0;
    const y1 = b10 * y0 + z10;
    z10 = b11 * y0 - a11 * y1 + z11;
    z11 = b12 * y0 - a12 * y1;
    const y2 = b20 * y1 + z20;
    z20 = b21 * y1 - a21 * y2 + z21;
    z21 = b22 * y1 - a22 * y2;
    const y3 = b30 * y2 + z30;
    z30 = b31 * y2 - a31 * y3 + z31;
    z31 = b32 * y2 - a32 * y3;
    y[i] = y3;
  }
  st[so] = z00; st[so + 1] = z01; st[so + 2] = z10; st[so + 3] = z11;
  st[so + 4] = z20; st[so + 5] = z21; st[so + 6] = z30; st[so + 7] = z31;
}

/** A stretch of samples to filter in place: buffer, first index, count, direction. */
type Segment = [Float64Array, number, number, 1 | -1];

/**
 * Filters the segments as one continuous signal (in order) through all grouped sections,
 * group by group; `state` (2 per section, grouped layout) is updated to the final state.
 */
export function runCascade(grouped: Float64Array, state: Float64Array, segments: Segment[]): void {
  const groups = grouped.length / (6 * GROUP);
  for (let g = 0; g < groups; g++) {
    for (const [buf, start, count, step] of segments) {
      if (count > 0) runGroup(grouped, 6 * GROUP * g, state, 2 * GROUP * g, buf, start, count, step);
    }
  }
}

/** Copies x into a new Float64Array (fast path for typed arrays and plain arrays). */
function toFloat64(x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(x.length);
  if (ArrayBuffer.isView(x) || Array.isArray(x)) y.set(x as ArrayLike<number>);
  else for (let i = 0; i < x.length; i++) y[i] = x[i];
  return y;
}

/** scipy.signal.sosfilt(sos, x, zi=zi): y plus the final state zf (n_sections x 2). */
export function sosfilt(sos: SosLike, x: ArrayLike<number>, zi?: SosLike): { y: Float64Array; zf: number[][] } {
  const where = 'sosfilt';
  const flat = flattenSos(sos, where);
  assertFiniteSamples(x, where);
  const n = sos.length;
  const state = new Float64Array(2 * Math.ceil(n / GROUP) * GROUP);
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
  const y = toFloat64(x);
  runCascade(groupSections(flat), state, [[y, 0, y.length, 1]]);
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
  /**
   * Optional output buffer of x.length samples (may be x itself when x is a Float64Array), so
   * batch pipelines can reuse memory: on some VMs faulting in a fresh 5 MB buffer costs more
   * than the filtering.
   */
  out?: Float64Array;
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
  const n = x.length;
  const edge = resolvePadlen(padtype, options.padlen, n, sosfiltfiltDefaultPadlen(sos) / 3, where);
  // The output buffer holds the signal itself; the two edge extensions live in small buffers,
  // so a long signal costs one allocation and no extended copy.
  const y = options.out ?? new Float64Array(n);
  if (y.length !== n) throw new SignalError('BAD_ARGUMENT', where, `out must have x.length = ${n} samples, got ${y.length}`);
  const left = new Float64Array(edge);
  const right = new Float64Array(edge);
  fillEdges(x, edge, padtype, left, right); // before y is written: y may be x itself
  if (y !== x) {
    if (ArrayBuffer.isView(x) || Array.isArray(x)) y.set(x as ArrayLike<number>);
    else for (let i = 0; i < n; i++) y[i] = x[i];
  }
  const grouped = groupSections(flat);
  const zi = sosfiltZiFlat(flat);
  const state = new Float64Array(grouped.length / 3);
  const x0 = edge > 0 ? left[0] : y[0];
  for (let i = 0; i < zi.length; i++) state[i] = zi[i] * x0;
  runCascade(grouped, state, [[left, 0, edge, 1], [y, 0, n, 1], [right, 0, edge, 1]]);
  // backward pass: starts from the last forward output; the left extension's outputs are discarded, so skip it
  const y0 = edge > 0 ? right[edge - 1] : y[n - 1];
  state.fill(0);
  for (let i = 0; i < zi.length; i++) state[i] = zi[i] * y0;
  runCascade(grouped, state, [[right, edge - 1, edge, -1], [y, n - 1, n, -1]]);
  return y;
}
