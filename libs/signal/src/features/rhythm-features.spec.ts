import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWfdbRecord, testDataRoot } from '@efficientecg/datasets';
import { cleanEcg } from '../clean';
import { detectRPeaks } from '../rpeaks';
import { isSignalError } from '../errors';
import { beatFeatures } from './beat-features';
import { N_RHYTHM_FEATURES, RHYTHM_FEATURE_NAMES, RHYTHM_IRREGULAR_RATIO, recordRhythmFeatures, type RhythmBeat } from './rhythm-features';

const col = (f: Float32Array, name: (typeof RHYTHM_FEATURE_NAMES)[number]) => f[RHYTHM_FEATURE_NAMES.indexOf(name)];
const beatsAt = (peaks: number[], pPresent = true): RhythmBeat[] => peaks.map((rPeak) => ({ rPeak, pPresent }));

describe('recordRhythmFeatures', () => {
  it('gives a regular rhythm no variability, its rate, full coverage and every P wave', () => {
    // 250 Hz, RR 0.8 s (200 samples), 50 beats filling a 10,000-sample record
    const f = recordRhythmFeatures(beatsAt(Array.from({ length: 50 }, (_, i) => 100 + i * 200)), 250, 10000);
    expect(f).toHaveLength(N_RHYTHM_FEATURES);
    expect(col(f, 'logMedianRR')).toBeCloseTo(Math.log(0.8), 5);
    for (const name of ['rrCV', 'rmssdToMedian', 'pnn50', 'irregularFraction', 'rrRangeToMedian'] as const) expect(col(f, name)).toBeCloseTo(0, 6);
    expect(col(f, 'pWaveFraction')).toBe(1);
    expect(col(f, 'beatCoverage')).toBeCloseTo((49 * 200) / 10000, 5);
  });

  it('computes the variability measures of an alternating rhythm by hand', () => {
    // RR alternates 0.6 s and 0.9 s at 100 Hz: mean 0.75, sd 0.15, every successive difference 0.3 s
    const peaks = [0];
    for (let k = 0; k < 40; k++) peaks.push(peaks[peaks.length - 1] + (k % 2 ? 90 : 60));
    const beats = peaks.map((rPeak, i) => ({ rPeak, pPresent: i % 4 === 0 }));
    const f = recordRhythmFeatures(beats, 100, peaks[peaks.length - 1] + 1);
    expect(col(f, 'rrCV')).toBeCloseTo(0.15 / 0.75, 5);
    // 20 intervals of each length: the median is their midpoint
    expect(col(f, 'logMedianRR')).toBeCloseTo(Math.log(0.75), 5);
    expect(col(f, 'rmssdToMedian')).toBeCloseTo(0.3 / 0.75, 5);
    expect(col(f, 'pnn50')).toBe(1);
    expect(col(f, 'irregularFraction')).toBe(1);
    // the 10th and 90th percentiles fall on the two lengths
    expect(col(f, 'rrRangeToMedian')).toBeCloseTo(0.3 / 0.75, 5);
    expect(col(f, 'pWaveFraction')).toBeCloseTo(11 / 41, 6);
  });

  it('counts only differences over 50 ms and over the irregularity ratio', () => {
    // RR 1.0 s with one interval of 1.04 s (40 ms, 4 %) and one of 1.3 s (300 ms, 30 %)
    const rr = [1, 1, 1, 1.04, 1, 1, 1.3, 1, 1, 1];
    const peaks = [0];
    for (const r of rr) peaks.push(peaks[peaks.length - 1] + Math.round(r * 100));
    const f = recordRhythmFeatures(beatsAt(peaks), 100, peaks[peaks.length - 1] + 1);
    // 9 successive differences: 1.04 gives 2 of 40 ms, 1.3 gives 2 of 300 ms
    expect(col(f, 'pnn50')).toBeCloseTo(2 / 9, 6);
    expect(RHYTHM_IRREGULAR_RATIO).toBe(0.15);
    expect(col(f, 'irregularFraction')).toBeCloseTo(2 / 9, 6);
  });

  it('shows a record where beats were found in only part of it, and caps pauses', () => {
    const tenBeats = beatsAt(Array.from({ length: 10 }, (_, i) => i * 100));
    expect(col(recordRhythmFeatures(tenBeats, 100, 9000), 'beatCoverage')).toBeCloseTo(0.1, 5);
    const pause = recordRhythmFeatures(beatsAt([0, 100, 200, 300, 100_300, 100_400]), 100, 100_500);
    expect(col(pause, 'rrCV')).toBeLessThanOrEqual(2);
    expect(col(pause, 'rrRangeToMedian')).toBe(3);
  });

  it('is all zeros below three beats and rejects bad beats, rates and lengths (the library\'s R-peak and rate checks)', () => {
    expect(recordRhythmFeatures(beatsAt([10, 200]), 100, 1000)).toEqual(new Float32Array(N_RHYTHM_FEATURES));
    expect(recordRhythmFeatures([], 100, 1000)).toEqual(new Float32Array(N_RHYTHM_FEATURES));
    expect(() => recordRhythmFeatures(beatsAt([0, 300, 300]), 100, 1000)).toThrowError(/strictly increasing/);
    expect(() => recordRhythmFeatures(beatsAt([0, Number.NaN]), 100, 1000)).toThrowError(/integer sample indices/);
    expect(() => recordRhythmFeatures(beatsAt([0, 500, 1000]), 100, 1000)).toThrowError(/outside the signal/);
    expect(() => recordRhythmFeatures(beatsAt([0, 1, 2]), 0, 1000)).toThrowError(/fs/);
    try {
      recordRhythmFeatures(beatsAt([0, 1, 2]), 100, 0);
      expect.unreachable();
    } catch (e) {
      expect(isSignalError(e, 'BAD_ARGUMENT')).toBe(true);
    }
  });
});

const root = testDataRoot();
const reference = root ? join(root, 'cinc2017', 'REFERENCE.csv') : null;

describe.skipIf(!reference || !existsSync(reference))('recordRhythmFeatures on CinC 2017 records', () => {
  it('finds AF records more irregular and with fewer P waves than normal-rhythm records', () => {
    const rows = readFileSync(reference!, 'utf8').trim().split(/\r?\n/).map((l) => l.split(','));
    const first = (label: string) => rows.filter((r) => r[1] === label).slice(0, 12).map((r) => r[0]);
    const features = (id: string) => {
      const rec = readWfdbRecord(join(root!, 'cinc2017', id), { verify: 'skip' });
      const clean = cleanEcg(rec.signals[0], rec.fs).signal;
      const beats = beatFeatures(clean, rec.fs, detectRPeaks(clean, rec.fs));
      return recordRhythmFeatures(beats, rec.fs, clean.length);
    };
    const mean = (ids: string[], name: (typeof RHYTHM_FEATURE_NAMES)[number]) => ids.reduce((s, id) => s + col(features(id), name), 0) / ids.length;
    const af = first('A');
    const normal = first('N');
    expect(mean(af, 'irregularFraction')).toBeGreaterThan(mean(normal, 'irregularFraction') + 0.2);
    expect(mean(af, 'rrCV')).toBeGreaterThan(2 * mean(normal, 'rrCV'));
    expect(mean(af, 'pWaveFraction')).toBeLessThan(mean(normal, 'pWaveFraction'));
    // detection covers nearly all of a normal record
    expect(mean(normal, 'beatCoverage')).toBeGreaterThan(0.9);
  });
});
