import { describe, expect, it } from 'vitest';
import { isSignalError } from '../errors';
import { loadGolden, relativeError } from '../filters/scipy-golden';
import { minMaxNormalize, zscore } from './normalize';

const golden = loadGolden();

describe('zscore / minMaxNormalize', () => {
  it('zscore matches scipy.stats.zscore on MIT-BIH 100', () => {
    const [c] = golden.cases('zscore');
    expect(relativeError(zscore(golden.input(c.input)), golden.vector(c.outputs.y))).toBeLessThan(1e-12);
  });

  it('minMaxNormalize matches (x - min) / (max - min) and maps onto a custom range', () => {
    const [c] = golden.cases('minmax');
    const x = golden.input(c.input);
    expect(relativeError(minMaxNormalize(x), golden.vector(c.outputs.y))).toBe(0);
    const y = minMaxNormalize(x, { range: [-1, 1] });
    expect(Math.min(...y)).toBe(-1);
    expect(Math.max(...y)).toBeCloseTo(1, 14);
  });

  it('zscore with ddof = 1 uses the sample standard deviation', () => {
    const y = zscore([1, 2, 3, 4], { ddof: 1 });
    expect(y[3]).toBeCloseTo(1.5 / Math.sqrt(5 / 3), 14);
  });

  it('a flat signal is a FLAT_SIGNAL error by default, or the onFlat constant', () => {
    for (const fn of [() => zscore([2, 2, 2]), () => minMaxNormalize([2, 2, 2])]) {
      let err: unknown;
      try {
        fn();
      } catch (e) {
        err = e;
      }
      expect(isSignalError(err, 'FLAT_SIGNAL')).toBe(true);
    }
    expect(Array.from(zscore([2, 2, 2], { onFlat: 0 }))).toEqual([0, 0, 0]);
    expect(Array.from(minMaxNormalize([5], { onFlat: 0.5 }))).toEqual([0.5]);
  });

  it('empty, NaN and bad options are typed errors', () => {
    expect(() => zscore([])).toThrow(/TOO_SHORT/);
    expect(() => minMaxNormalize([])).toThrow(/TOO_SHORT/);
    expect(() => zscore([1, NaN])).toThrow(/NAN_SAMPLES/);
    expect(() => minMaxNormalize([1, -Infinity])).toThrow(/NAN_SAMPLES/);
    expect(() => minMaxNormalize([1, 2], { range: [1, 0] })).toThrow(/BAD_ARGUMENT/);
    expect(() => zscore([1, 2], { ddof: 2 })).toThrow(/BAD_ARGUMENT/);
    expect(() => zscore([1, 1], { onFlat: NaN })).toThrow(/BAD_ARGUMENT/);
  });
});
