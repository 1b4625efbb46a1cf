import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBeatSymbol, readWfdbAnnotations, testDataRoot } from '@efficientecg/datasets';
import { isSignalError } from '../errors';
import { N_RR_FEATURES, RR_FEATURE_NAMES, rrIntervalFeatures } from './rr-features';

const col = (f: Float32Array, i: number, name: (typeof RR_FEATURE_NAMES)[number]) => f[i * N_RR_FEATURES + RR_FEATURE_NAMES.indexOf(name)];

describe('rrIntervalFeatures', () => {
  it('is all zeros for a perfectly regular rhythm, at any rate', () => {
    for (const rr of [200, 400, 777]) {
      const peaks = Array.from({ length: 30 }, (_, i) => 100 + i * rr);
      const f = rrIntervalFeatures(peaks);
      expect(f).toHaveLength(30 * N_RR_FEATURES);
      expect(Math.max(...Array.from(f, Math.abs))).toBeLessThan(1e-6);
    }
  });

  it('marks a premature beat with a short previous and a long next interval (log ratios)', () => {
    // regular 300-sample RR, beat 15 comes 120 samples early, then a compensatory pause
    const peaks = Array.from({ length: 30 }, (_, i) => i * 300);
    peaks[15] -= 120;
    const f = rrIntervalFeatures(peaks);
    expect(col(f, 15, 'logPrevToRecord')).toBeCloseTo(Math.log(180 / 300), 5);
    expect(col(f, 15, 'logNextToRecord')).toBeCloseTo(Math.log(420 / 300), 5);
    expect(col(f, 15, 'logPrevToNext')).toBeCloseTo(Math.log(180 / 420), 5);
    // the local mean over 10 intervals around beat 15 (intervals 10..19) is still 300: the early beat only moves time between two of them
    expect(col(f, 15, 'logLocalToRecord')).toBeCloseTo(0, 5);
    expect(col(f, 15, 'logPrevToLocal')).toBeCloseTo(Math.log(180 / 300), 5);
    // its neighbours two beats away are untouched
    expect(col(f, 13, 'logPrevToRecord')).toBeCloseTo(0, 6);
    expect(col(f, 17, 'logPrevToRecord')).toBeCloseTo(0, 6);
  });

  it('follows a rate change through the local mean and normalises by the record median', () => {
    // 20 beats at RR 400 then 21 at RR 200: 40 intervals, median 300 (20 of each)
    const peaks: number[] = [0];
    for (let k = 0; k < 40; k++) peaks.push(peaks[peaks.length - 1] + (k < 20 ? 400 : 200));
    const f = rrIntervalFeatures(peaks);
    expect(col(f, 5, 'logPrevToRecord')).toBeCloseTo(Math.log(400 / 300), 5);
    expect(col(f, 35, 'logPrevToRecord')).toBeCloseTo(Math.log(200 / 300), 5);
    // deep inside each segment the local mean equals the beat's own RR
    expect(col(f, 5, 'logPrevToLocal')).toBeCloseTo(0, 5);
    expect(col(f, 35, 'logPrevToLocal')).toBeCloseTo(0, 5);
    expect(col(f, 35, 'logLocalToRecord')).toBeCloseTo(Math.log(200 / 300), 5);
  });

  it('handles the record ends, tiny records and caps pauses', () => {
    const peaks = [0, 300, 600, 900, 1200];
    const f = rrIntervalFeatures(peaks);
    expect(Array.from(f).every((v) => Math.abs(v) < 1e-6)).toBe(true);
    expect(rrIntervalFeatures([5])).toEqual(new Float32Array(N_RR_FEATURES));
    expect(rrIntervalFeatures([])).toHaveLength(0);
    const pause = rrIntervalFeatures([0, 300, 600, 900, 1200, 1500, 1800, 1800 + 300 * 100, 1800 + 300 * 101]);
    expect(col(pause, 7, 'logPrevToRecord')).toBeCloseTo(2.5, 5);
  });

  it('rejects unsorted or non-finite peaks and a bad local length', () => {
    expect(() => rrIntervalFeatures([0, 300, 300])).toThrowError(/strictly increasing/);
    expect(() => rrIntervalFeatures([0, Number.NaN])).toThrowError(/finite/);
    try {
      rrIntervalFeatures([0, 1], { localIntervals: 0 });
      expect.unreachable();
    } catch (e) {
      expect(isSignalError(e, 'BAD_ARGUMENT')).toBe(true);
    }
  });
});

const root = testDataRoot();
const have232 = !!root && existsSync(join(root, 'mitdb', '232.hea'));

describe.skipIf(!have232)('rrIntervalFeatures on MIT-BIH record 232 (1,382 atrial premature beats)', () => {
  it('separates atrial premature beats from the conducted beats by their previous RR relative to the local rate', () => {
    const ann = readWfdbAnnotations(join(root!, 'mitdb', '232')).annotations.filter((a) => isBeatSymbol(a.symbol));
    const f = rrIntervalFeatures(ann.map((a) => a.sample));
    const mean = (sym: string, name: (typeof RR_FEATURE_NAMES)[number]) => {
      const idx = ann.flatMap((a, i) => (a.symbol === sym ? [i] : []));
      return idx.reduce((s, i) => s + col(f, i, name), 0) / idx.length;
    };
    expect(ann.filter((a) => a.symbol === 'A').length).toBeGreaterThan(1000);
    // record 232's conducted beats are right bundle branch block ('R', AAMI class N); A beats come early relative to them
    expect(mean('A', 'logPrevToLocal')).toBeLessThan(mean('R', 'logPrevToLocal') - 0.2);
    expect(mean('A', 'logPrevToNext')).toBeLessThan(mean('R', 'logPrevToNext') - 0.2);
  });
});
