import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBeatSymbol, readWfdbAnnotations, readWfdbRecord, testDataRoot } from '@efficientecg/datasets';
import { detectRPeaks } from '../rpeaks';
import { delineatePWaves } from './delineate';
import { countPWavesByRhythm } from './rhythm';

const root = testDataRoot();
const mitdb = root ? join(root, 'mitdb') : '';
const haveMitdb = !!root && existsSync(join(mitdb, '100.hea'));

/** Lead 0 (MLII) with the reference beat positions of the .atr file (beat symbols only). */
function pWaveShares(name: string, peaksFrom: 'reference' | 'detector' = 'reference') {
  const rec = readWfdbRecord(join(mitdb, name), { channels: [0], verify: 'skip' });
  const annotations = readWfdbAnnotations(join(mitdb, name)).annotations;
  const signal = rec.signals[0];
  const peaks =
    peaksFrom === 'reference'
      ? annotations.filter((a) => isBeatSymbol(a.symbol) && a.sample < signal.length).map((a) => a.sample)
      : detectRPeaks(signal, rec.fs);
  const waves = delineatePWaves(signal, rec.fs, peaks);
  const counts = countPWavesByRhythm(annotations, peaks, waves.map((w) => w.present));
  const share = (rhythm: string) => {
    const c = counts.get(rhythm);
    return c ? { ...c, share: c.withP / c.beats } : null;
  };
  return { waves, share, fs: rec.fs };
}

describe.skipIf(!haveMitdb)('P waves on MIT-BIH lead 0 (reference beats)', () => {
  it.each(['201', '203', '210', '219', '221'])('record %s: few beats inside atrial fibrillation have a P wave', (name) => {
    const af = pWaveShares(name).share('AFIB')!;
    expect(af.beats).toBeGreaterThan(500);
    expect(af.share).toBeLessThan(0.15);
  });

  it.each(['100', '103', '117', '122'])('record %s: nearly every beat in sinus rhythm has a P wave', (name) => {
    const { share, waves, fs } = pWaveShares(name);
    const nsr = share('N')!;
    expect(nsr.share).toBeGreaterThan(0.95);
    // physiological timing of what was found
    for (const w of waves.filter((x) => x.present)) {
      const duration = (w.offset! - w.onset!) / fs;
      expect(duration).toBeGreaterThanOrEqual(0.04);
      expect(duration).toBeLessThanOrEqual(0.18);
      expect(w.onset!).toBeLessThan(w.peak!);
      expect(w.peak!).toBeLessThan(w.offset!);
      expect(w.offset!).toBeLessThan(w.rPeak);
      expect(w.amplitude!).toBeGreaterThan(0);
    }
  });

  it('record 202: sinus part has P waves, AF part mostly not', () => {
    const { share } = pWaveShares('202');
    expect(share('N')!.share).toBeGreaterThan(0.85);
    expect(share('AFIB')!.share).toBeLessThan(0.25);
  });

  it('paced record 107: few paced beats get a P wave', () => {
    expect(pWaveShares('107').share('P')!.share).toBeLessThan(0.1);
  });

  it('works on detected (not reference) R peaks: record 100 sinus, record 203 AF', () => {
    expect(pWaveShares('100', 'detector').share('N')!.share).toBeGreaterThan(0.95);
    expect(pWaveShares('203', 'detector').share('AFIB')!.share).toBeLessThan(0.15);
  });
});
