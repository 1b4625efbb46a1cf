import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readWfdbRecord } from '@efficientecg/datasets';
import { describe, expect, it } from 'vitest';
import { isSignalError } from '../errors';
import { butter } from '../filters/butter';
import { loadGolden, relativeError } from '../filters/scipy-golden';
import { sosfiltfilt } from '../filters/sosfilt';
import { estimateBaselineMedian, medianKernelLength, removeBaselineMedian } from './baseline-median';
import { cleanEcg } from './clean-ecg';

const golden = loadGolden();
const dataRoot = process.env.ECG_DATA_ROOT;
const mitdb = dataRoot ? join(dataRoot, 'mitdb') : '';
const haveMitdb = !!dataRoot && existsSync(join(mitdb, '100.hea'));

describe('removeBaselineMedian (two-stage median, 200 ms then 600 ms)', () => {
  it('kernel lengths are round(ms * fs / 1000) bumped to odd', () => {
    expect(medianKernelLength(200, 360)).toBe(73);
    expect(medianKernelLength(600, 360)).toBe(217);
    expect(medianKernelLength(200, 250)).toBe(51);
    expect(medianKernelLength(600, 500)).toBe(301);
    expect(medianKernelLength(1, 100)).toBe(1);
  });

  it('matches x - medfilt(medfilt(x, 73), 217) computed with scipy on MIT-BIH 100', () => {
    const [c] = golden.cases('remove_baseline_median');
    const x = golden.input(c.input);
    expect(estimateBaselineMedian(x, 360).kernels).toEqual(c.params.kernels);
    expect(relativeError(removeBaselineMedian(x, 360), golden.vector(c.outputs.y))).toBe(0);
  });

  it('bad fs / window / samples are typed errors', () => {
    expect(() => removeBaselineMedian([1, 2, 3], 0)).toThrow(/BAD_SAMPLING_RATE/);
    expect(() => removeBaselineMedian([1, 2, 3], 360, { firstMs: -5 })).toThrow(/BAD_ARGUMENT/);
    expect(() => removeBaselineMedian([1, NaN, 3], 360)).toThrow(/NAN_SAMPLES/);
  });
});

describe('cleanEcg default pipeline', () => {
  const x = golden.input('ecg100');

  it('names its steps: baseline-median (73/217 at 360 Hz) then bandpass-butter N=4 0.5-40 Hz', () => {
    const { signal, steps } = cleanEcg(x, 360);
    expect(steps).toEqual([
      { name: 'baseline-median', params: { firstMs: 200, secondMs: 600, kernels: [73, 217] } },
      { name: 'bandpass-butter', params: { order: 4, low: 0.5, high: 40, method: 'butter+sosfiltfilt' } },
    ]);
    const expected = sosfiltfilt(butter(4, [0.5, 40], 'bandpass', 360), removeBaselineMedian(x, 360));
    expect(relativeError(signal, expected)).toBe(0);
  });

  it('steps can be switched off or changed, and a notch can be added', () => {
    const none = cleanEcg(x, 360, { baseline: false, bandpass: false });
    expect(none.steps).toEqual([]);
    expect(none.signal).toEqual(Float64Array.from(x));
    const withNotch = cleanEcg(x, 360, { notch: { freq: 60 }, bandpass: { order: 2, high: 100 } });
    expect(withNotch.steps.map((s) => s.name)).toEqual(['baseline-median', 'notch', 'bandpass-butter']);
    expect(withNotch.steps[2].params).toMatchObject({ order: 2, low: 0.5, high: 100 });
  });

  it('impossible settings are typed errors, never silently adjusted', () => {
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return isSignalError(e) ? e.code : String(e);
      }
      return 'no error';
    };
    expect(err(() => cleanEcg(x, 60))).toBe('BAD_CUTOFF'); // 40 Hz >= fs/2
    expect(err(() => cleanEcg(x, NaN))).toBe('BAD_SAMPLING_RATE');
    expect(err(() => cleanEcg(x, 360, { bandpass: { low: 40, high: 0.5 } }))).toBe('BAD_CUTOFF');
    expect(err(() => cleanEcg(x, 360, { bandpass: { order: 0 } }))).toBe('BAD_ORDER');
    expect(err(() => cleanEcg([0, 1, NaN], 360))).toBe('NAN_SAMPLES');
    expect(err(() => cleanEcg(new Float64Array(20), 360, { baseline: false }))).toBe('TOO_SHORT');
  });
});

describe.skipIf(!haveMitdb)('cleanEcg on real MIT-BIH records', () => {
  it('the golden ECG excerpt is MIT-BIH 100 MLII as read by @efficientecg/datasets', () => {
    const rec = readWfdbRecord(join(mitdb, '100'), { channels: [0], sampTo: 3600 });
    expect(rec.signals[0].length).toBe(3600);
    expect(Array.from(rec.signals[0])).toEqual(Array.from(golden.input('ecg100')));
  });

  it('records 108 and 203 (strong baseline wander): the wander left after cleaning is < 1/4 of the raw one, QRS kept', () => {
    const std = (a: ArrayLike<number>) => {
      let m = 0;
      for (let i = 0; i < a.length; i++) m += a[i];
      m /= a.length;
      let s = 0;
      for (let i = 0; i < a.length; i++) s += (a[i] - m) ** 2;
      return Math.sqrt(s / a.length);
    };
    for (const name of ['108', '203']) {
      const rec = readWfdbRecord(join(mitdb, name), { channels: [0], sampTo: 360 * 60 });
      const { signal } = cleanEcg(rec.signals[0], rec.fs);
      // wander = the slow two-stage median trend; measured 0.094 -> 0.014 mV (108), 0.276 -> 0.044 mV (203)
      const rawWander = std(estimateBaselineMedian(rec.signals[0], rec.fs).baseline);
      const cleanWander = std(estimateBaselineMedian(signal, rec.fs).baseline);
      expect(cleanWander, name).toBeLessThan(rawWander / 4);
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of signal) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
      expect(hi - lo, name).toBeGreaterThan(1.5); // mV: QRS complexes survive the 40 Hz low-pass
    }
  });
});
