import { describe, expect, it } from 'vitest';
import { iirnotch } from './iirnotch';
import { loadGolden, relativeError } from './scipy-golden';

describe('iirnotch', () => {
  it('matches scipy.signal.iirnotch(w0, Q, fs)', () => {
    const cases = loadGolden().manifest.iirnotch;
    expect(cases.length).toBeGreaterThanOrEqual(4);
    for (const c of cases) {
      const { b, a } = iirnotch(c.w0, c.Q, c.fs);
      expect(relativeError(b, c.b)).toBeLessThan(1e-10);
      expect(relativeError(a, c.a)).toBeLessThan(1e-10);
    }
  });

  it('has zero gain at w0 and unit gain at DC', () => {
    const { b, a } = iirnotch(50, 30, 500);
    const w = (2 * Math.PI * 50) / 500;
    const re = (c: number[]) => c[0] + c[1] * Math.cos(w) + c[2] * Math.cos(2 * w);
    const im = (c: number[]) => -(c[1] * Math.sin(w) + c[2] * Math.sin(2 * w));
    expect(Math.hypot(re(b), im(b)) / Math.hypot(re(a), im(a))).toBeLessThan(1e-12);
    expect((b[0] + b[1] + b[2]) / (a[0] + a[1] + a[2])).toBeCloseTo(1, 12);
  });

  it('rejects impossible frequencies, Q and fs', () => {
    expect(() => iirnotch(0, 30, 500)).toThrow(/BAD_CUTOFF/);
    expect(() => iirnotch(250, 30, 500)).toThrow(/BAD_CUTOFF/);
    expect(() => iirnotch(50, 0, 500)).toThrow(/BAD_ARGUMENT/);
    expect(() => iirnotch(50, NaN, 500)).toThrow(/BAD_ARGUMENT/);
    expect(() => iirnotch(50, 30, -1)).toThrow(/BAD_SAMPLING_RATE/);
  });
});
