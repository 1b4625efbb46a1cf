import { describe, expect, it } from 'vitest';
import { SignalError, isSignalError } from '../errors';
import { butter } from './butter';
import { loadGolden, relativeError } from './scipy-golden';
import { sosfilt, sosfiltfilt, sosfiltfiltDefaultPadlen, sosfiltZi } from './sosfilt';

const golden = loadGolden();
const TOL = 1e-6; // signals: max|ours - scipy| / max|scipy|

describe('sosfilt / sosfiltZi / sosfiltfilt against scipy', () => {
  it('sosfilt_zi matches', () => {
    for (const c of golden.manifest.zi) {
      if (c.kind !== 'sosfilt_zi') continue;
      expect(relativeError(sosfiltZi(c.sos).flat(), c.zi.flat())).toBeLessThan(1e-10);
    }
  });

  it('sosfilt matches on MIT-BIH 100 and the synthetic signal', () => {
    const cases = golden.cases('sosfilt');
    expect(cases.length).toBeGreaterThanOrEqual(6);
    for (const c of cases) {
      const { y } = sosfilt(c.params.sos, golden.input(c.input));
      expect(relativeError(y, golden.vector(c.outputs.y)), JSON.stringify(c.params.cutoff)).toBeLessThan(TOL);
    }
  });

  it('sosfilt with zi = sosfilt_zi * x[0] returns scipy y and zf', () => {
    for (const c of golden.cases('sosfilt_zi_x0')) {
      const x = golden.input(c.input);
      const zi = sosfiltZi(c.params.sos).map((row) => row.map((v) => v * x[0]));
      const { y, zf } = sosfilt(c.params.sos, x, zi);
      expect(relativeError(y, golden.vector(c.outputs.y))).toBeLessThan(TOL);
      expect(relativeError(zf.flat(), golden.vector(c.outputs.zf))).toBeLessThan(TOL);
    }
  });

  it('sosfiltfilt matches for default and explicit padtype / padlen', () => {
    const cases = golden.cases('sosfiltfilt');
    expect(cases.some((c) => c.params.padtype === null)).toBe(true);
    for (const c of cases) {
      const opts = 'padtype' in c.params ? { padtype: c.params.padtype, padlen: c.params.padlen } : {};
      const y = sosfiltfilt(c.params.sos, golden.input(c.input), opts);
      expect(relativeError(y, golden.vector(c.outputs.y)), JSON.stringify(opts)).toBeLessThan(TOL);
    }
  });

  it("default padlen follows scipy: 3 * (2 * n_sections + 1 - min(#b2==0, #a2==0))", () => {
    expect(sosfiltfiltDefaultPadlen(butter(4, [0.5, 40], 'bandpass', 360))).toBe(27);
    expect(sosfiltfiltDefaultPadlen(butter(1, 40, 'lowpass', 360))).toBe(6); // first-order section: b2 = a2 = 0
    expect(sosfiltfiltDefaultPadlen(butter(3, 40, 'lowpass', 360))).toBe(12);
  });

  it('writes into a caller buffer when given one, including x itself (in place)', () => {
    const sos = butter(4, [0.5, 40], 'bandpass', 360);
    const x = golden.input('ecg100');
    const expected = sosfiltfilt(sos, x);
    const out = new Float64Array(x.length);
    expect(sosfiltfilt(sos, x, { out })).toBe(out);
    expect(out).toEqual(expected);
    const inPlace = Float64Array.from(x);
    sosfiltfilt(sos, inPlace, { out: inPlace });
    expect(inPlace).toEqual(expected);
    expect(() => sosfiltfilt(sos, x, { out: new Float64Array(3) })).toThrow(/BAD_ARGUMENT/);
  });

  it('does not modify its input and keeps the length', () => {
    const x = Float64Array.from(golden.input('ecg100'));
    const before = Float64Array.from(x);
    const y = sosfiltfilt(butter(4, [0.5, 40], 'bandpass', 360), x);
    expect(y.length).toBe(x.length);
    expect(x).toEqual(before);
  });
});

describe('sosfilt family: bad input', () => {
  const sos = butter(4, [0.5, 40], 'bandpass', 360);
  const catchErr = (fn: () => unknown): SignalError => {
    try {
      fn();
    } catch (e) {
      if (e instanceof SignalError) return e;
      throw e;
    }
    throw new Error('expected a SignalError');
  };

  it('a signal not longer than padlen -> TOO_SHORT with scipy\'s message', () => {
    const e = catchErr(() => sosfiltfilt(sos, new Float64Array(27)));
    expect(e.code).toBe('TOO_SHORT');
    expect(e.message).toContain('The length of the input vector x must be greater than padlen, which is 27');
    expect(sosfiltfilt(sos, new Float64Array(28)).length).toBe(28);
    expect(catchErr(() => sosfiltfilt(sos, new Float64Array(100), { padlen: 100 })).message).toContain('which is 100');
    expect(sosfiltfilt(sos, new Float64Array(5), { padtype: null }).length).toBe(5);
  });

  it('NaN or infinite samples -> NAN_SAMPLES naming the index', () => {
    const x = new Float64Array(100);
    x[42] = NaN;
    const e = catchErr(() => sosfiltfilt(sos, x));
    expect(e.code).toBe('NAN_SAMPLES');
    expect(e.message).toContain('x[42]');
    x[42] = Infinity;
    expect(isSignalError(catchErr(() => sosfilt(sos, x)), 'NAN_SAMPLES')).toBe(true);
  });

  it('malformed sections, zi shape, padtype -> BAD_ARGUMENT', () => {
    expect(catchErr(() => sosfilt([], [1, 2, 3])).code).toBe('BAD_ARGUMENT');
    expect(catchErr(() => sosfilt([[1, 0, 0, 1, 0]], [1, 2, 3])).code).toBe('BAD_ARGUMENT');
    expect(catchErr(() => sosfilt([[1, 0, 0, 2, 0, 0]], [1, 2, 3])).code).toBe('BAD_ARGUMENT');
    expect(catchErr(() => sosfilt(sos, [1, 2, 3], [[0, 0]])).code).toBe('BAD_ARGUMENT');
    expect(catchErr(() => sosfiltfilt(sos, new Float64Array(100), { padtype: 'mirror' as never })).code).toBe('BAD_ARGUMENT');
    expect(catchErr(() => sosfiltfilt(sos, new Float64Array(100), { padlen: -1 })).code).toBe('BAD_ARGUMENT');
  });
});
