import { describe, expect, it } from 'vitest';
import { isSignalError } from '../errors';
import { butter, butterBa } from './butter';
import { loadGolden, relativeError } from './scipy-golden';

/** Per coefficient |a - b| / |b|; coefficients scipy gives as exactly 0 must be 0 to 1e-10 of the section's scale. */
function worstCoefficientError(actual: number[][], expected: number[][]): number {
  let worst = 0;
  for (let s = 0; s < expected.length; s++) {
    const scale = Math.max(...expected[s].map(Math.abs));
    for (let j = 0; j < 6; j++) {
      const e = expected[s][j];
      const d = Math.abs(actual[s][j] - e);
      worst = Math.max(worst, e === 0 ? d / scale : d / Math.abs(e));
    }
  }
  return worst;
}

const golden = loadGolden();

describe('butter: scipy.signal.butter(..., output="sos", fs=fs) golden values', () => {
  it('covers orders 1-8, all four band types and fs 250/360/500', () => {
    const cases = golden.manifest.butter;
    expect(cases.length).toBeGreaterThanOrEqual(288);
    expect(new Set(cases.map((c) => c.order))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(new Set(cases.map((c) => c.btype))).toEqual(new Set(['lowpass', 'highpass', 'bandpass', 'bandstop']));
    expect(new Set(cases.map((c) => c.fs))).toEqual(new Set([250, 360, 500]));
  });

  it('every filter has scipy section count, order and coefficients to 1e-10 relative', () => {
    const failures: string[] = [];
    let worst = 0;
    for (const c of golden.manifest.butter) {
      const sos = butter(c.order, c.cutoff, c.btype, c.fs);
      if (sos.length !== c.sos.length) {
        failures.push(`${c.order} ${c.btype} ${c.cutoff}@${c.fs}: ${sos.length} sections, scipy ${c.sos.length}`);
        continue;
      }
      const err = worstCoefficientError(sos, c.sos);
      worst = Math.max(worst, err);
      if (err > 1e-10) failures.push(`${c.order} ${c.btype} ${c.cutoff}@${c.fs}: ${err}`);
    }
    expect(failures).toEqual([]);
    expect(worst).toBeLessThan(1e-10);
  });

  it('butterBa matches scipy output="ba"', () => {
    for (const c of golden.manifest.butterBa) {
      const { b, a } = butterBa(c.order, c.cutoff, c.btype, c.fs);
      expect(relativeError(b, c.b)).toBeLessThan(1e-10);
      expect(relativeError(a, c.a)).toBeLessThan(1e-10);
    }
  });

  it('sections are stable (poles inside the unit circle) with a0 = 1', () => {
    for (const sos of [butter(8, [0.5, 40], 'bandpass', 360), butter(8, 0.05, 'highpass', 250)]) {
      for (const [, , , a0, a1, a2] of sos) {
        expect(a0).toBe(1);
        expect(Math.abs(a2)).toBeLessThan(1); // product of the pole pair's radii
        expect(Math.abs(a1)).toBeLessThan(1 + a2);
      }
    }
  });
});

describe('butter: orders above the golden range', () => {
  it('orders 9-20 give ceil(N/2) (low/high) or N (band) stable sections with unit DC / passband gain', () => {
    for (let order = 9; order <= 20; order++) {
      const lp = butter(order, 40, 'lowpass', 360);
      expect(lp.length).toBe(Math.ceil(order / 2));
      expect(butter(order, [0.5, 40], 'bandpass', 360).length).toBe(order);
      let dc = 1;
      for (const [b0, b1, b2, , a1, a2] of lp) {
        expect(Math.abs(a2)).toBeLessThan(1);
        dc *= (b0 + b1 + b2) / (1 + a1 + a2);
      }
      expect(dc).toBeCloseTo(1, 8);
    }
  });
});

describe('butter: bad arguments are typed errors', () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (isSignalError(e)) return e.code;
      throw e;
    }
    return 'no error';
  };
  it('orders outside 1..20 or not integers -> BAD_ORDER', () => {
    for (const order of [0, -1, 21, 2.5, NaN]) expect(code(() => butter(order, 40, 'lowpass', 360))).toBe('BAD_ORDER');
  });
  it('impossible sampling rates -> BAD_SAMPLING_RATE', () => {
    for (const fs of [0, -360, NaN, Infinity]) expect(code(() => butter(4, 40, 'lowpass', fs))).toBe('BAD_SAMPLING_RATE');
  });
  it('cut-offs <= 0, >= fs/2, reversed or of the wrong count -> BAD_CUTOFF', () => {
    expect(code(() => butter(4, 0, 'lowpass', 360))).toBe('BAD_CUTOFF');
    expect(code(() => butter(4, -1, 'highpass', 360))).toBe('BAD_CUTOFF');
    expect(code(() => butter(4, 180, 'lowpass', 360))).toBe('BAD_CUTOFF');
    expect(code(() => butter(4, 200, 'lowpass', 360))).toBe('BAD_CUTOFF');
    expect(code(() => butter(4, NaN, 'lowpass', 360))).toBe('BAD_CUTOFF');
    expect(code(() => butter(4, [40, 0.5], 'bandpass', 360))).toBe('BAD_CUTOFF');
    expect(code(() => butter(4, [40, 40], 'bandstop', 360))).toBe('BAD_CUTOFF');
    expect(code(() => butter(4, [0.5, 180], 'bandpass', 360))).toBe('BAD_CUTOFF');
    expect(code(() => butter(4, 40, 'bandpass', 360))).toBe('BAD_CUTOFF');
    expect(code(() => butter(4, [0.5, 40], 'lowpass', 360))).toBe('BAD_CUTOFF');
  });
  it('unknown band type -> BAD_ARGUMENT, and the message names the function', () => {
    expect(code(() => butter(4, 40, 'notch' as never, 360))).toBe('BAD_ARGUMENT');
    expect(() => butter(4, 200, 'lowpass', 360)).toThrow(/butter: BAD_CUTOFF: .*fs\/2 = 180 Hz/);
  });
});
