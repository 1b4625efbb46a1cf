import { describe, expect, it } from 'vitest';
import { loadGolden, relativeError } from '../filters/scipy-golden';
import { besselI0, firwinKaiserLowpass } from './firwin';
import { resamplePoly, resampleToRate } from './resample-poly';

const golden = loadGolden();

describe('resamplePoly against scipy.signal.resample_poly (default kaiser 5.0 window)', () => {
  it('covers 360->250, 500->100, 300->250, 1->3 and short signals', () => {
    const pairs = golden.cases('resample_poly').map((c) => `${c.params.up}/${c.params.down}`);
    for (const p of ['250/360', '100/500', '250/300', '3/1', '1/5']) expect(pairs).toContain(p);
  });

  it('every case matches in length and to 1e-6 relative', () => {
    for (const c of golden.cases('resample_poly')) {
      const x = golden.input(c.input);
      const y = resamplePoly(x, c.params.up, c.params.down);
      const expected = golden.vector(c.outputs.y);
      expect(y.length, `${c.input} ${c.params.up}/${c.params.down}`).toBe(expected.length);
      expect(y.length).toBe(Math.ceil((x.length * c.params.up) / c.params.down));
      expect(relativeError(y, expected), `${c.input} ${c.params.up}/${c.params.down}`).toBeLessThan(1e-6);
    }
  });

  it("firwin(numtaps, cutoff, window=('kaiser', 5.0)) taps match", () => {
    for (const c of golden.cases('firwin_kaiser5')) {
      expect(relativeError(firwinKaiserLowpass(c.params.numtaps, c.params.cutoff, 5.0), golden.vector(c.outputs.h))).toBeLessThan(1e-10);
    }
  });

  it('I0 matches known values', () => {
    expect(besselI0(0)).toBe(1);
    expect(besselI0(1)).toBeCloseTo(1.2660658777520082, 15);
    expect(besselI0(5)).toBeCloseTo(27.239871823604442, 12);
  });

  it('explicit FIR taps are used as given (scaled by up)', () => {
    // scipy.signal.resample_poly([1, 2, 3, 4], 2, 1, window=[0.5, 1, 0.5]) -> [2 3 4 5 6 7 8 4]
    const y = resamplePoly([1, 2, 3, 4], 2, 1, { window: [0.5, 1, 0.5] });
    expect(Array.from(y)).toEqual([2, 3, 4, 5, 6, 7, 8, 4]);
  });

  it('resampleToRate(x, 360, 250) is resamplePoly(x, 250, 360); equal rates copy', () => {
    const x = golden.input('ecg100');
    expect(resampleToRate(x, 360, 250)).toEqual(resamplePoly(x, 250, 360));
    const same = resamplePoly(x, 7, 7);
    expect(same).toEqual(Float64Array.from(x));
    expect(same).not.toBe(x);
  });

  it('bad arguments are typed errors', () => {
    expect(() => resamplePoly([1, 2, 3], 0, 1)).toThrow(/BAD_ARGUMENT/);
    expect(() => resamplePoly([1, 2, 3], 1.5, 1)).toThrow(/BAD_ARGUMENT/);
    expect(() => resamplePoly([1, NaN, 3], 2, 1)).toThrow(/NAN_SAMPLES/);
    expect(() => resamplePoly([1, 2, 3], 2, 1, { window: ['kaiser', -1] })).toThrow(/BAD_ARGUMENT/);
    expect(() => resamplePoly([1, 2, 3], 2, 1, { window: [] })).toThrow(/BAD_ARGUMENT/);
    expect(() => resampleToRate([1, 2, 3], 0, 250)).toThrow(/BAD_SAMPLING_RATE/);
    expect(() => resampleToRate([1, 2, 3], 360.5, 250)).toThrow(/BAD_SAMPLING_RATE/);
  });
});
