import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWfdbRecord, testDataRoot } from '@efficientecg/datasets';
import { cleanEcg } from '../clean';
import { detectRPeaks } from './detect';

const root = testDataRoot();
const cinc = root ? join(root, 'cinc2017') : '';
const haveCinc = !!root && existsSync(join(cinc, 'A00018.hea'));

/** Detected beats and the count of RR intervals under 300 ms (200 bpm), on the cleaned lead as the CinC pipeline sees it. */
function detect(name: string, method: string): { beats: number; short: number } {
  const rec = readWfdbRecord(join(cinc, name), { verify: 'skip' });
  const clean = cleanEcg(rec.signals[0], rec.fs).signal;
  const peaks = detectRPeaks(clean, rec.fs, { method });
  let short = 0;
  for (let i = 1; i < peaks.length; i++) if (peaks[i] - peaks[i - 1] < 0.3 * rec.fs) short++;
  return { beats: peaks.length, short };
}

// Single-lead AliveCor records labelled normal rhythm whose T wave is about as tall as the QRS
// (A00018: QRS -0.25 mV, T +0.23 mV). Pan-Tompkins' slope rule misses these T waves and
// counts them as beats about 0.25 s after each QRS; Hamilton's does not. This is why the
// CinC 2017 rhythm-features variant finds its R peaks with 'hamilton'.
describe.skipIf(!haveCinc)('CinC 2017 normal-rhythm records with tall T waves', () => {
  it.each([
    ['A00018', 27],
    ['A00117', 34],
    ['A00149', 40],
  ])('%s: hamilton finds one beat per QRS (%i), pan-tompkins adds T waves', (name, beats) => {
    const h = detect(name, 'hamilton');
    expect(h.short).toBe(0);
    expect(Math.abs(h.beats - beats)).toBeLessThanOrEqual(1);
    const pt = detect(name, 'pan-tompkins');
    expect(pt.short).toBeGreaterThanOrEqual(10);
    expect(pt.beats).toBeGreaterThan(1.3 * h.beats);
  });
});
