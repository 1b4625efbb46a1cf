import { describe, expect, it } from 'vitest';
import { bundledSampleRoot, isBeatSymbol, mitdbRecordPath, readWfdbAnnotations, readWfdbRecord } from '@efficientecg/datasets';
import { cleanEcg } from '@efficientecg/signal';
import { beatInputs, recordBeatTemplate, withRecordTemplate } from './beat-windows';

const window = { before: 90, after: 166 };
const L = window.before + window.after;

describe('recordBeatTemplate: the per-sample median of a record\'s beat windows', () => {
  it('is the elementwise median (odd and even counts), zero without a full window', () => {
    // one lead; peaks far enough apart that every window is whole
    const sig = new Float32Array(2000);
    const peaks = [200, 600, 1000, 1400];
    peaks.forEach((p, k) => { for (let t = -5; t <= 5; t++) sig[p + t] = (k + 1) * (6 - Math.abs(t)); });
    const wins = peaks.map((_, i) => beatInputs([sig], peaks, i, window, null, 0)!.signal);
    const even = recordBeatTemplate([sig], peaks, window);
    const odd = recordBeatTemplate([sig], peaks.slice(0, 3), window);
    for (const j of [0, 85, 90, 95, 200]) {
      const col = wins.map((w) => w[j]).sort((a, b) => a - b);
      expect(even[j]).toBeCloseTo((col[1] + col[2]) / 2, 6);
      const col3 = wins.slice(0, 3).map((w) => w[j]).sort((a, b) => a - b);
      expect(odd[j]).toBeCloseTo(col3[1], 6);
    }
    expect(Array.from(recordBeatTemplate([sig], [10, 1990], window)).every((v) => v === 0)).toBe(true);
  });

  it('on record 100 (bundled) is a normal beat with its R peak at the window centre, and one PVC differs from it more than normal beats do', () => {
    const path = mitdbRecordPath(bundledSampleRoot(), '100');
    const rec = readWfdbRecord(path, { channels: [0, 1] });
    const cleaned = rec.signals.map((s) => Float32Array.from(cleanEcg(s, rec.fs).signal));
    const ann = readWfdbAnnotations(path, 'atr').annotations.filter((a) => isBeatSymbol(a.symbol));
    const peaks = ann.map((a) => a.sample);
    const tpl = recordBeatTemplate(cleaned, peaks, window);
    const lead0 = Array.from({ length: L }, (_, t) => tpl[t * 2]);
    expect(Math.abs(lead0.indexOf(Math.max(...lead0)) - window.before)).toBeLessThanOrEqual(8);
    const dist = (i: number) => {
      const w = beatInputs(cleaned, peaks, i, window, null, 0)!.signal;
      return Math.sqrt(w.reduce((a, v, j) => a + (v - tpl[j]) ** 2, 0) / w.length);
    };
    const pvc = ann.findIndex((a) => a.symbol === 'V');
    expect(pvc).toBeGreaterThan(0);
    const normals = ann.map((a, i) => (a.symbol === 'N' ? i : -1)).filter((i) => i > 0 && i < ann.length - 1).slice(0, 200);
    const normalDist = normals.map(dist).sort((a, b) => a - b);
    expect(dist(pvc)).toBeGreaterThan(normalDist[Math.floor(normalDist.length * 0.95)]);
  });
});

describe('withRecordTemplate', () => {
  it('interleaves the beat\'s leads then the template\'s at each time step', () => {
    const beat = Float32Array.from([1, 2, 3, 4, 5, 6]); // [3, 2]
    const tpl = Float32Array.from([10, 20, 30, 40, 50, 60]);
    expect(Array.from(withRecordTemplate(beat, tpl, 3, 2))).toEqual([1, 2, 10, 20, 3, 4, 30, 40, 5, 6, 50, 60]);
    expect(() => withRecordTemplate(beat, tpl.subarray(0, 4), 3, 2)).toThrow(/template of 4/);
  });
});
