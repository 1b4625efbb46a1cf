import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledSampleRoot, readWfdbRecord } from '@efficientecg/datasets';
import { analyseLead } from './lead-analysis';

describe('analyseLead (CinC 2017 A00001 from the bundled sample, 300 Hz)', () => {
  const rec = readWfdbRecord(join(bundledSampleRoot(), 'cinc2017', 'A00001'), { verify: 'skip' });
  const native = analyseLead(rec.signals[0], rec.fs, rec.fs, true);
  const half = analyseLead(rec.signals[0], rec.fs, 150, true);

  it('resamples the signal and maps the R peaks found at the native rate onto the new rate', () => {
    expect(half.signal.length).toBe(Math.ceil(native.signal.length / 2));
    expect(native.rPeaks.length).toBeGreaterThan(20); // ~30 s of sinus rhythm
    expect(Array.from(half.rPeaks)).toEqual(Array.from(native.rPeaks, (r) => Math.round(r / 2)));
    // the mapped peaks sit on the resampled QRS: the largest |sample| within +-2 samples (13 ms)
    for (const r of half.rPeaks.slice(1, -1)) {
      const win = Array.from(half.signal.subarray(r - 6, r + 7), Math.abs);
      expect(Math.abs(win.indexOf(Math.max(...win)) - 6)).toBeLessThanOrEqual(2);
    }
  });

  it('keeps the beat features measured at the native rate (seconds and millivolts do not depend on the model rate)', () => {
    expect(half.features.map((f) => [f.rrPrev, f.pPresent, f.rAmplitude])).toEqual(native.features.map((f) => [f.rrPrev, f.pPresent, f.rAmplitude]));
    expect(half.features.map((f) => f.rPeak)).toEqual(Array.from(half.rPeaks));
  });

  it('skips peak detection when features are not wanted', () => {
    const plain = analyseLead(rec.signals[0], rec.fs, 150, false);
    expect(plain.rPeaks.length).toBe(0);
    expect(plain.features).toEqual([]);
    expect(Array.from(plain.signal)).toEqual(Array.from(half.signal));
  });
});
