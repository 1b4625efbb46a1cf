import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBeatSymbol, readWfdbAnnotations, readWfdbRecord, testDataRoot } from '@efficientecg/datasets';
import { beatFeatures, beatFeaturesInWindow } from './beat-features';
import { beatFeatureSequence } from './sequence';

const root = testDataRoot();
const mitdb = root ? join(root, 'mitdb') : '';
const haveMitdb = !!root && existsSync(join(mitdb, '100.hea'));

describe.skipIf(!haveMitdb)('beat features on MIT-BIH record 100 (lead 0, reference beats)', () => {
  it('gives physiological values and a consistent masked sequence for a 10 s window', () => {
    const rec = readWfdbRecord(join(mitdb, '100'), { channels: [0], verify: 'skip' });
    const peaks = readWfdbAnnotations(join(mitdb, '100'))
      .annotations.filter((a) => isBeatSymbol(a.symbol))
      .map((a) => a.sample);
    const features = beatFeatures(rec.signals[0], rec.fs, peaks);
    expect(features).toHaveLength(peaks.length);
    const rr = features.slice(1).map((f) => f.rrPrev!);
    const meanRr = rr.reduce((a, b) => a + b, 0) / rr.length;
    expect(meanRr).toBeGreaterThan(0.75); // record 100: ~76 bpm
    expect(meanRr).toBeLessThan(0.85);
    const withP = features.filter((f) => f.pPresent);
    expect(withP.length / features.length).toBeGreaterThan(0.95);
    for (const f of withP) {
      expect(f.prInterval === null || (f.prInterval > 0.05 && f.prInterval < 0.3)).toBe(true);
      expect(f.pAmplitude!).toBeGreaterThan(0.02);
      expect(f.pAmplitude!).toBeLessThan(0.5);
    }
    // MLII R waves of record 100 are ~1-2 mV
    const rMedian = features.map((f) => f.rAmplitude).sort((a, b) => a - b)[features.length >> 1];
    expect(rMedian).toBeGreaterThan(0.8);
    expect(rMedian).toBeLessThan(2.5);

    const start = 60 * rec.fs;
    const window = beatFeaturesInWindow(rec.signals[0], rec.fs, peaks, start, start + 10 * rec.fs, { features });
    expect(window.length).toBeGreaterThanOrEqual(11);
    expect(window.length).toBeLessThanOrEqual(15);
    const seq = beatFeatureSequence(window, { length: 16 });
    const beatsInSeq = seq.beatMask.reduce((a, b) => a + b, 0);
    expect(beatsInSeq).toBe(window.length);
    for (let r = 0; r < 16; r++) {
      const rowMask = Array.from(seq.mask.subarray(r * 8, r * 8 + 8));
      if (!seq.beatMask[r]) expect(rowMask).toEqual(new Array(8).fill(0));
      // record context: even the window's first beat has its previous RR
      else expect(rowMask[0]).toBe(1);
    }
  });
});
