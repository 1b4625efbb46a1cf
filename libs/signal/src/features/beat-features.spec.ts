import { describe, expect, it } from 'vitest';
import { isSignalError } from '../errors';
import { delineatePWaves } from '../pwave/delineate';
import { syntheticBeatTrain } from '../pwave/synthetic.testing';
import type { PWave } from '../pwave/types';
import { BEAT_FEATURE_NAMES, RR_LOCAL_BEATS, beatFeatures, beatFeaturesInWindow } from './beat-features';

const fs = 360;
const rr = (i: number) => 0.7 + 0.1 * (i % 3);
const train = syntheticBeatTrain({ fs, beats: 20, rr, noise: 0.005 });

describe('beatFeatures', () => {
  const features = beatFeatures(train.signal, fs, train.rPeaks);

  it('computes RR intervals exactly from the peak indices', () => {
    const r = train.rPeaks;
    expect(features).toHaveLength(r.length);
    features.forEach((f, i) => {
      expect(f.rPeak).toBe(r[i]);
      expect(f.rrPrev).toBe(i > 0 ? (r[i] - r[i - 1]) / fs : null);
      expect(f.rrNext).toBe(i + 1 < r.length ? (r[i + 1] - r[i]) / fs : null);
      if (i === 0) {
        expect(f.rrLocalMean).toBeNull();
      } else {
        const from = Math.max(1, i - RR_LOCAL_BEATS + 1);
        let sum = 0;
        for (let k = from; k <= i; k++) sum += r[k] - r[k - 1];
        expect(f.rrLocalMean!).toBeCloseTo(sum / (i - from + 1) / fs, 12);
      }
    });
  });

  it('takes P-wave features from the delineation (amplitude, duration, PR) and R amplitude from the local median', () => {
    const waves = delineatePWaves(train.signal, fs, train.rPeaks);
    features.forEach((f, i) => {
      const w = waves[i];
      expect(f.pPresent).toBe(true);
      expect(f.pAmplitude).toBe(w.amplitude);
      expect(f.pDuration!).toBeCloseTo((w.offset! - w.onset!) / fs, 12);
      expect(f.prInterval!).toBeCloseTo((w.qrsOnset! - w.onset!) / fs, 12);
      expect(f.pDuration!).toBeGreaterThan(0.08);
      expect(f.pDuration!).toBeLessThan(0.12);
      // QRS of 1.2 mV on a near-zero baseline
      expect(f.rAmplitude).toBeGreaterThan(1.1);
      expect(f.rAmplitude).toBeLessThan(1.3);
    });
  });

  it('gives null P features (not zeros) where there is no P wave', () => {
    const noP = syntheticBeatTrain({ fs, beats: 12, rr, noise: 0.005, pAmplitude: 0 });
    for (const f of beatFeatures(noP.signal, fs, noP.rPeaks)) {
      expect(f.pPresent).toBe(false);
      expect([f.pAmplitude, f.pDuration, f.prInterval]).toEqual([null, null, null]);
    }
  });

  it('uses the P waves it is given, and checks they match the R peaks', () => {
    const none: PWave[] = train.rPeaks.map((r) => ({ rPeak: r, present: false, onset: null, peak: null, offset: null, amplitude: null, qrsOnset: null, confidence: 0 }));
    const withoutP = beatFeatures(train.signal, fs, train.rPeaks, { pwaves: none });
    expect(withoutP.every((f) => !f.pPresent)).toBe(true);
    // no QRS onset given: R amplitude falls back to the +-300 ms median baseline
    for (const f of withoutP) expect(Math.abs(f.rAmplitude - 1.2)).toBeLessThan(0.1);
    expect(() => beatFeatures(train.signal, fs, train.rPeaks, { pwaves: none.slice(1) })).toThrow(/pwaves has 19 entries for 20 R peaks/);
    const shifted = none.map((p) => ({ ...p, rPeak: p.rPeak + 1 }));
    expect(() => beatFeatures(train.signal, fs, train.rPeaks, { pwaves: shifted })).toThrow(/must match the R peaks/);
  });

  it('returns [] for no R peaks and typed errors for bad input', () => {
    expect(beatFeatures(train.signal, fs, [])).toEqual([]);
    const bad = train.signal.slice();
    bad[7] = Infinity;
    expect(() => beatFeatures(bad, fs, train.rPeaks)).toThrow(/signal\[7\] is Infinity/);
    try {
      beatFeatures(train.signal, fs, [300, 200]);
      expect.unreachable();
    } catch (e) {
      expect(isSignalError(e, 'BAD_ARGUMENT')).toBe(true);
    }
  });

  it('has the documented column names', () => {
    expect(BEAT_FEATURE_NAMES).toEqual(['rrPrev', 'rrNext', 'rrLocalMean', 'rAmplitude', 'pPresent', 'pAmplitude', 'pDuration', 'prInterval']);
  });
});

describe('beatFeaturesInWindow', () => {
  const all = beatFeatures(train.signal, fs, train.rPeaks);
  const start = train.rPeaks[5] - 50;
  const end = train.rPeaks[10] + 1;

  it("context 'record' selects beats with R in [start, end) and keeps RR context from outside", () => {
    const w = beatFeaturesInWindow(train.signal, fs, train.rPeaks, start, end);
    expect(w.map((f) => f.rPeak)).toEqual(train.rPeaks.slice(5, 11));
    expect(w).toEqual(all.slice(5, 11));
    expect(beatFeaturesInWindow(train.signal, fs, train.rPeaks, start, end, { features: all })).toEqual(all.slice(5, 11));
    // end is exclusive
    expect(beatFeaturesInWindow(train.signal, fs, train.rPeaks, start, train.rPeaks[10]).map((f) => f.rPeak)).toEqual(train.rPeaks.slice(5, 10));
  });

  it("context 'window' treats the window as its own recording", () => {
    const w = beatFeaturesInWindow(train.signal, fs, train.rPeaks, start, end, { context: 'window' });
    expect(w.map((f) => f.rPeak)).toEqual(train.rPeaks.slice(5, 11));
    expect(w[0].rrPrev).toBeNull();
    expect(w[0].rrLocalMean).toBeNull();
    expect(w[w.length - 1].rrNext).toBeNull();
    expect(w[1].rrPrev).toBe(all[6].rrPrev);
  });

  it('rejects an impossible window', () => {
    expect(() => beatFeaturesInWindow(train.signal, fs, train.rPeaks, 100, 100)).toThrow(/window/);
    expect(() => beatFeaturesInWindow(train.signal, fs, train.rPeaks, -1, 100)).toThrow(/window/);
    expect(() => beatFeaturesInWindow(train.signal, fs, train.rPeaks, 0, train.signal.length + 1)).toThrow(/window/);
  });
});
