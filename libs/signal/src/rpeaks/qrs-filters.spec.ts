import { describe, expect, it } from 'vitest';
import { argMaxAbs, fivePointDerivative, localMaxima, movingAverage, panTompkinsBandPass } from './qrs-filters';
import { isFlat } from './input';

// Synthetic signals: these are unit tests of the filter arithmetic only.
function bruteMovingAverage(x: number[], half: number): number[] {
  return x.map((_, i) => {
    let s = 0, c = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(x.length - 1, i + half); j++, c++) s += x[j];
    return s / c;
  });
}

describe('movingAverage', () => {
  it('equals the brute-force centred mean, edges included, for any length and width', () => {
    let seed = 1;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
    for (const n of [0, 1, 2, 5, 8, 9, 31, 200]) {
      for (const half of [0, 1, 3, 4, 15]) {
        const x = Array.from({ length: n }, rand);
        const got = movingAverage(Float64Array.from(x), half);
        const want = bruteMovingAverage(x, half);
        for (let i = 0; i < n; i++) expect(got[i]).toBeCloseTo(want[i], 12);
      }
    }
  });

  it('writes into a given buffer', () => {
    const out = new Float64Array(4);
    expect(movingAverage(Float64Array.from([1, 2, 3, 4]), 1, out)).toBe(out);
    expect(Array.from(out)).toEqual([1.5, 2, 3, 3.5]);
  });
});

describe('Pan-Tompkins filter stages', () => {
  it('the five-point derivative of a ramp is its slope per second (interior samples)', () => {
    const fs = 360;
    const x = Float64Array.from({ length: 100 }, (_, i) => (0.5 * i) / fs); // 0.5 units per second
    const d = fivePointDerivative(x, fs);
    for (let i = 10; i < 90; i++) expect(d[i]).toBeCloseTo(0.5, 10);
  });

  it('the band-pass removes a constant offset and passes a 10 Hz tone', () => {
    const fs = 500;
    const x = Float64Array.from({ length: 5000 }, (_, i) => 3 + Math.sin((2 * Math.PI * 10 * i) / fs));
    const y = panTompkinsBandPass(x, fs);
    let mean = 0, peak = 0;
    for (let i = 500; i < 4500; i++) {
      mean += y[i] / 4000;
      peak = Math.max(peak, Math.abs(y[i]));
    }
    expect(Math.abs(mean)).toBeLessThan(1e-3);
    expect(peak).toBeGreaterThan(0.4); // gain at 10 Hz about 0.6 (pass band centre)
    expect(peak).toBeLessThan(1.05);
  });

  it('localMaxima keeps the larger of two maxima closer than minDistance', () => {
    const x = Float64Array.from([0, 1, 0, 3, 0, 0, 0, 0, 2, 0]);
    expect(localMaxima(x, 3)).toEqual([3, 8]);
    expect(localMaxima(x, 1)).toEqual([1, 3, 8]);
  });

  it('argMaxAbs finds negative extrema and clamps its window', () => {
    expect(argMaxAbs(Float64Array.from([0, -5, 2, 4]), -3, 10)).toBe(1);
  });

  it('isFlat', () => {
    expect(isFlat([2, 2, 2])).toBe(true);
    expect(isFlat([])).toBe(true);
    expect(isFlat([2, 2, 2.0001])).toBe(false);
  });
});
