import { describe, expect, it } from 'vitest';
import { medfilt } from './medfilt';
import { loadGolden, relativeError } from './scipy-golden';

/** Textbook definition: sort each zero-padded window. */
function naiveMedfilt(x: ArrayLike<number>, k: number): Float64Array {
  const h = (k - 1) / 2;
  return Float64Array.from({ length: x.length }, (_, i) => {
    const w: number[] = [];
    for (let j = i - h; j <= i + h; j++) w.push(j >= 0 && j < x.length ? x[j] : 0);
    return w.sort((a, b) => a - b)[h];
  });
}

describe('medfilt', () => {
  const golden = loadGolden();

  it('matches scipy.signal.medfilt on MIT-BIH 100 (kernels 1-361) and with kernels longer than the signal', () => {
    const cases = golden.cases('medfilt');
    expect(cases.length).toBeGreaterThanOrEqual(8);
    for (const c of cases) {
      const y = medfilt(golden.input(c.input), c.params.kernelSize);
      // a median picks a sample, so agreement is exact
      expect(relativeError(y, golden.vector(c.outputs.y)), `k=${c.params.kernelSize}`).toBe(0);
    }
  });

  it('agrees with the sort-every-window definition on signals full of ties', () => {
    let seed = 7;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (const [n, k] of [[50, 3], [200, 11], [31, 31], [5, 9], [300, 45]]) {
      const x = Array.from({ length: n }, () => Math.floor(rand() * 5) - 2); // many equal values and zeros
      expect(medfilt(x, k)).toEqual(naiveMedfilt(x, k));
    }
  });

  it('handles empty input and rejects even / non-positive kernels and NaN', () => {
    expect(medfilt([], 3).length).toBe(0);
    expect(() => medfilt([1, 2, 3], 4)).toThrow(/BAD_ARGUMENT/);
    expect(() => medfilt([1, 2, 3], 0)).toThrow(/BAD_ARGUMENT/);
    expect(() => medfilt([1, 2, 3], 2.5)).toThrow(/BAD_ARGUMENT/);
    expect(() => medfilt([1, NaN, 3], 3)).toThrow(/NAN_SAMPLES/);
  });
});
