import { describe, expect, it } from 'vitest';
import { isSignalError } from '../errors';
import { delineatePWaves, delineatePWavesWithDiagnostics } from './delineate';
import { syntheticBeatTrain } from './synthetic.testing';

const ms = (samples: number, fs: number) => (samples / fs) * 1000;
const rr = (i: number) => 0.8 + 0.05 * Math.sin(i);

describe('delineatePWaves on synthetic beat trains', () => {
  it.each([
    { fs: 360, noise: 0, tolOnsetMs: 5, tolPeakMs: 2 },
    { fs: 500, noise: 0.01, tolOnsetMs: 6, tolPeakMs: 3 },
    { fs: 250, noise: 0.02, tolOnsetMs: 15, tolPeakMs: 4 },
  ])('finds every Gaussian P wave at fs=$fs, noise=$noise mV', ({ fs, noise, tolOnsetMs, tolPeakMs }) => {
    const s = syntheticBeatTrain({ fs, beats: 40, rr, noise, pAmplitude: 0.15, pSigma: 0.02, pLead: 0.17 });
    const waves = delineatePWaves(s.signal, fs, s.rPeaks);
    expect(waves).toHaveLength(40);
    waves.forEach((w, i) => {
      expect(w.rPeak).toBe(s.rPeaks[i]);
      expect(w.present).toBe(true);
      expect(Math.abs(ms(w.peak! - s.pPeaks[i], fs))).toBeLessThanOrEqual(tolPeakMs);
      // true boundaries are peak -+ 2.5 sigma (the Gaussian at 4 % of its height)
      expect(Math.abs(ms(w.onset! - s.pOnsets[i], fs))).toBeLessThanOrEqual(tolOnsetMs);
      expect(Math.abs(ms(w.offset! - s.pOffsets[i], fs))).toBeLessThanOrEqual(tolOnsetMs);
      expect(w.amplitude!).toBeGreaterThan(0.1);
      expect(w.amplitude!).toBeLessThan(0.16);
      expect(w.confidence).toBeGreaterThanOrEqual(0.5);
      expect(w.confidence).toBeLessThanOrEqual(1);
      // PR from the estimated QRS onset: P onset at R - (0.17 + 2.5*0.02) s, QRS onset at R - 2.5*0.01 s: PR = 0.195 s
      const pr = (w.qrsOnset! - w.onset!) / fs;
      expect(Math.abs(pr - 0.195)).toBeLessThan(0.02);
    });
  });

  it('reports no P wave (all positions null) once the P waves are removed', () => {
    const fs = 360;
    const s = syntheticBeatTrain({ fs, beats: 40, rr, noise: 0.01, pAmplitude: 0 });
    const waves = delineatePWaves(s.signal, fs, s.rPeaks);
    for (const w of waves) {
      expect(w.present).toBe(false);
      expect([w.onset, w.peak, w.offset, w.amplitude]).toEqual([null, null, null, null]);
    }
  });

  it('does not mistake synthetic fibrillatory waves for P waves', () => {
    const fs = 360;
    const s = syntheticBeatTrain({ fs, beats: 60, rr: (i) => 0.5 + 0.4 * Math.abs(Math.sin(i * 1.7)), noise: 0.01, pAmplitude: 0, fibrillation: 0.08, seed: 7 });
    const waves = delineatePWaves(s.signal, fs, s.rPeaks);
    const share = waves.filter((w) => w.present).length / waves.length;
    expect(share).toBeLessThan(0.1);
  });

  it('finds inverted P waves only when asked (polarity inverted / either)', () => {
    const fs = 360;
    const s = syntheticBeatTrain({ fs, beats: 30, rr, noise: 0.005, pAmplitude: -0.15 });
    expect(delineatePWaves(s.signal, fs, s.rPeaks).filter((w) => w.present)).toHaveLength(0);
    for (const polarity of ['inverted', 'either'] as const) {
      const waves = delineatePWaves(s.signal, fs, s.rPeaks, { polarity });
      waves.forEach((w, i) => {
        expect(w.present).toBe(true);
        expect(w.amplitude!).toBeLessThan(-0.1);
        expect(Math.abs(ms(w.peak! - s.pPeaks[i], fs))).toBeLessThanOrEqual(2);
      });
    }
  });

  it('rejects a P wave outside the physiological PR range', () => {
    const fs = 360;
    // P peak 420 ms before R: PR ~ 0.4 s, beyond maxPR = 0.3 s
    const s = syntheticBeatTrain({ fs, beats: 20, rr: 1.0, noise: 0.005, pLead: 0.42 });
    expect(delineatePWaves(s.signal, fs, s.rPeaks).some((w) => w.present)).toBe(false);
    // ... unless the caller widens the limits
    const wide = delineatePWaves(s.signal, fs, s.rPeaks, { maxPR: 0.45, maxPeakLead: 0.45 });
    expect(wide.filter((w) => w.present).length).toBeGreaterThanOrEqual(19);
  });

  it('does not search a first window cut short by the start of the signal', () => {
    const fs = 360;
    const s = syntheticBeatTrain({ fs, beats: 10, rr: 0.8, noise: 0.005 });
    // drop the first 0.45 s: the first R is now 0.15 s from the start, its P wave half cut off
    const cut = s.signal.slice(Math.round(0.45 * fs));
    const peaks = s.rPeaks.map((r) => r - Math.round(0.45 * fs));
    const waves = delineatePWaves(cut, fs, peaks);
    expect(waves[0]).toMatchObject({ present: false, onset: null, confidence: 0 });
    expect(waves.slice(1).every((w) => w.present)).toBe(true);
    for (const w of waves) expect(Number.isFinite(w.confidence)).toBe(true);
  });

  it('keeps diagnostics consistent with the public result', () => {
    const fs = 360;
    const s = syntheticBeatTrain({ fs, beats: 10, rr: 0.8, noise: 0.005 });
    const d = delineatePWavesWithDiagnostics(s.signal, fs, s.rPeaks);
    for (const b of d) {
      expect(b.reason).toBe('ok');
      expect(b.candidate!.peak).toBe(b.peak);
    }
  });
});

describe('delineatePWaves input checks', () => {
  const fs = 360;
  const s = syntheticBeatTrain({ fs, beats: 5, rr: 0.8 });

  it('returns [] for no R peaks', () => {
    expect(delineatePWaves(s.signal, fs, [])).toEqual([]);
  });

  it('throws NAN_SAMPLES naming the bad sample', () => {
    const bad = s.signal.slice();
    bad[123] = NaN;
    expect(() => delineatePWaves(bad, fs, s.rPeaks)).toThrow(/signal\[123\] is NaN/);
    try {
      delineatePWaves(bad, fs, s.rPeaks);
    } catch (e) {
      expect(isSignalError(e, 'NAN_SAMPLES')).toBe(true);
    }
  });

  it.each([
    { name: 'unsorted', peaks: [500, 400], message: /strictly increasing/ },
    { name: 'duplicate', peaks: [400, 400], message: /strictly increasing/ },
    { name: 'negative', peaks: [-1, 400], message: /outside the signal/ },
    { name: 'past the end', peaks: [400, 1e9], message: /outside the signal/ },
    { name: 'fractional', peaks: [400.5], message: /integer/ },
  ])('throws BAD_ARGUMENT for $name R peaks', ({ peaks, message }) => {
    expect(() => delineatePWaves(s.signal, fs, peaks)).toThrow(message);
    try {
      delineatePWaves(s.signal, fs, peaks);
    } catch (e) {
      expect(isSignalError(e, 'BAD_ARGUMENT')).toBe(true);
    }
  });

  it('throws BAD_SAMPLING_RATE for fs <= 0', () => {
    expect(() => delineatePWaves(s.signal, 0, s.rPeaks)).toThrow(/BAD_SAMPLING_RATE/);
  });
});
