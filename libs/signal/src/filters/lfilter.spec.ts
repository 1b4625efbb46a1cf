import { describe, expect, it } from 'vitest';
import { SignalError } from '../errors';
import { filtfilt, lfilter, lfilterZi } from './lfilter';
import { loadGolden, relativeError } from './scipy-golden';

const golden = loadGolden();
const TOL = 1e-6;

describe('lfilter / lfilterZi / filtfilt against scipy', () => {
  it('lfilter_zi matches', () => {
    for (const c of golden.manifest.zi) {
      if (c.kind === 'lfilter_zi') expect(relativeError(lfilterZi(c.b, c.a), c.zi)).toBeLessThan(1e-10);
    }
  });

  it('lfilter matches, including a[0] != 1 and len(b) != len(a)', () => {
    const cases = golden.cases('lfilter');
    expect(cases.some((c) => c.params.a[0] !== 1)).toBe(true);
    for (const c of cases) {
      expect(relativeError(lfilter(c.params.b, c.params.a, golden.input(c.input)).y, golden.vector(c.outputs.y))).toBeLessThan(TOL);
    }
  });

  it('lfilter with zi = lfilter_zi * x[0] returns scipy y and zf', () => {
    for (const c of golden.cases('lfilter_zi_x0')) {
      const x = golden.input(c.input);
      const zi = Array.from(lfilterZi(c.params.b, c.params.a), (v) => v * x[0]);
      const { y, zf } = lfilter(c.params.b, c.params.a, x, zi);
      expect(relativeError(y, golden.vector(c.outputs.y))).toBeLessThan(TOL);
      expect(relativeError(zf, golden.vector(c.outputs.zf))).toBeLessThan(TOL);
    }
  });

  it('filtfilt matches (Butterworth b/a, iirnotch, unnormalised a)', () => {
    const cases = golden.cases('filtfilt');
    expect(cases.filter((c) => c.params.notch).length).toBeGreaterThanOrEqual(3);
    for (const c of cases) {
      expect(relativeError(filtfilt(c.params.b, c.params.a, golden.input(c.input)), golden.vector(c.outputs.y))).toBeLessThan(TOL);
    }
  });

  it('a signal not longer than 3*max(len(a), len(b)) -> TOO_SHORT with scipy\'s message', () => {
    const b = [0.2, 0.2];
    const a = [1, -0.6, 0.1];
    let err: unknown;
    try {
      filtfilt(b, a, new Float64Array(9));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SignalError);
    expect((err as SignalError).code).toBe('TOO_SHORT');
    expect((err as SignalError).message).toContain('The length of the input vector x must be greater than padlen, which is 9');
    expect(filtfilt(b, a, new Float64Array(10)).length).toBe(10);
  });

  it('NaN samples and all-zero a are typed errors', () => {
    expect(() => lfilter([1], [1], [1, NaN])).toThrow(/NAN_SAMPLES/);
    expect(() => filtfilt([1], [1], [Infinity, 1, 2, 3, 4])).toThrow(/NAN_SAMPLES/);
    expect(() => lfilter([1], [0, 0], [1, 2])).toThrow(/BAD_ARGUMENT/);
    expect(() => lfilter([1, 1], [1, 0.5], [1, 2], [0, 0])).toThrow(/BAD_ARGUMENT/);
  });
});
