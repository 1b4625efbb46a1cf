import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBeatSymbol, readWfdbAnnotations, readWfdbRecord, testDataRoot } from '@efficientecg/datasets';
import { resamplePoly } from '../resample';
import { SignalError } from '../errors';
import { DEFAULT_RPEAK_METHOD, detectRPeaks, rPeakDetectors } from './detect';
import { evaluateRecord, pooledScores, type RecordEvaluation } from './evaluation';

const root = testDataRoot();
const mitdb = root ? join(root, 'mitdb') : '';
const haveMitdb = !!root && existsSync(join(mitdb, '100.hea'));

function load(name: string) {
  const rec = readWfdbRecord(join(mitdb, name), { channels: [0], verify: 'skip' });
  return { fs: rec.fs, signal: rec.signals[0], annotations: readWfdbAnnotations(join(mitdb, name)).annotations };
}

/** Detect on lead 0 (optionally transformed and resampled by up/down) and score against the .atr beats. */
function score(name: string, method: string, opts: { up?: number; down?: number; negate?: boolean } = {}): RecordEvaluation {
  const { fs, signal, annotations } = load(name);
  const up = opts.up ?? 1, down = opts.down ?? 1;
  let x: ArrayLike<number> = up === 1 && down === 1 ? signal : resamplePoly(signal, up, down);
  if (opts.negate) x = Float64Array.from(x, (v) => -v);
  const rate = (fs * up) / down;
  const peaks = detectRPeaks(x, rate, { method });
  const ann = annotations.map((a) => ({ ...a, sample: Math.round((a.sample * up) / down) }));
  return evaluateRecord(name, ann, isBeatSymbol, peaks, rate);
}

describe('detectRPeaks input handling', () => {
  const methods = rPeakDetectors().map((d) => d.name);

  it('lists the detectors by name, default first', () => {
    expect(methods[0]).toBe(DEFAULT_RPEAK_METHOD);
    expect(methods).toEqual(expect.arrayContaining(['pan-tompkins', 'hamilton']));
    for (const d of rPeakDetectors()) expect(d.description.length).toBeGreaterThan(20);
  });

  it.each(methods)('%s: NaN/Infinity samples and fs outside 50..2000 Hz are typed errors', (method) => {
    const x = new Float64Array(1000);
    x[10] = NaN;
    expect(() => detectRPeaks(x, 360, { method })).toThrow(SignalError);
    expect(() => detectRPeaks(x, 360, { method })).toThrow(/NAN_SAMPLES.*signal\[10\]/);
    expect(() => detectRPeaks([0, Infinity, 0], 360, { method })).toThrow(/NAN_SAMPLES/);
    for (const fs of [49, 2001, 0, NaN, -360]) expect(() => detectRPeaks(new Float64Array(100), fs, { method })).toThrow(/BAD_SAMPLING_RATE/);
  });

  it('an unknown method is a BAD_ARGUMENT error naming the known ones', () => {
    expect(() => detectRPeaks([0, 1, 0], 360, { method: 'nope' })).toThrow(/BAD_ARGUMENT.*pan-tompkins/);
  });

  it.each(methods)('%s: a flat line has no R peaks (empty result, not an error)', (method) => {
    expect(detectRPeaks(new Float32Array(3600).fill(-0.25), 360, { method })).toEqual(new Int32Array(0));
    expect(detectRPeaks([], 360, { method })).toEqual(new Int32Array(0));
  });

  it.each(methods)('%s: very short signals work', (method) => {
    for (const n of [1, 2, 3, 10, 100]) {
      const x = Array.from({ length: n }, (_, i) => Math.sin(i));
      const p = detectRPeaks(x, 360, { method });
      expect(p).toBeInstanceOf(Int32Array);
      for (const i of p) expect(i >= 0 && i < n).toBe(true);
    }
  });
});

describe.skipIf(!haveMitdb)('detectRPeaks on MIT-BIH (lead 0, EC57 150 ms window)', () => {
  // Per-record floors a little under what the detectors reach, so a regression shows.
  const floors: Record<string, Record<string, [number, number]>> = {
    'pan-tompkins': { '100': [99.9, 99.9], '105': [99.3, 97.5], '203': [98.0, 98.5], '208': [99.4, 99.6] },
    hamilton: { '100': [99.9, 99.9], '105': [99.5, 98.5], '203': [97.0, 99.4], '208': [98.8, 99.8] },
  };
  for (const [method, records] of Object.entries(floors)) {
    it.each(Object.keys(records))(`${method} record %s`, (name) => {
      const e = score(name, method);
      const [se, ppv] = records[name];
      expect(e.se).toBeGreaterThanOrEqual(se);
      expect(e.ppv).toBeGreaterThanOrEqual(ppv);
    });
  }

  it('peaks are sorted, a refractory period apart, and sit on the R extremum', () => {
    const { fs, signal } = load('100');
    const p = detectRPeaks(signal, fs);
    for (let i = 1; i < p.length; i++) expect(p[i] - p[i - 1]).toBeGreaterThanOrEqual(Math.round(0.2 * fs));
    // each peak is the maximum or minimum of the raw signal within +-40 ms: the maximum for
    // record 100's upright normal beats, the minimum for its one negative PVC
    const w = Math.round(0.04 * fs);
    let maxima = 0;
    for (const i of p) {
      const around = signal.subarray(Math.max(0, i - w), i + w + 1);
      const isMax = signal[i] === Math.max(...around), isMin = signal[i] === Math.min(...around);
      expect(isMax || isMin).toBe(true);
      if (isMax) maxima++;
    }
    expect(maxima).toBeGreaterThanOrEqual(p.length - 2);
    const e = score('100', DEFAULT_RPEAK_METHOD);
    const offsets = [...e.offsets].sort((a, b) => a - b);
    expect(Math.abs(offsets[offsets.length >> 1])).toBeLessThanOrEqual(2); // median within 2 samples of the annotation
  });

  it.each(rPeakDetectors().map((d) => d.name))('%s: inverted polarity (record 100 negated) is found like the original, on the negative extremum', (method) => {
    const up = score('100', method);
    const inv = score('100', method, { negate: true });
    expect(inv.tp).toBe(up.tp);
    expect(inv.fp).toBe(up.fp);
    const { fs, signal } = load('100');
    const neg = Float32Array.from(signal, (v) => -v);
    expect(detectRPeaks(neg, fs, { method })).toEqual(detectRPeaks(signal, fs, { method }));
  });

  it.each([
    [250, 25, 36],
    [1000, 25, 9],
  ])('works at %i Hz (records resampled with resamplePoly)', (_fs, up, down) => {
    for (const method of rPeakDetectors().map((d) => d.name)) {
      const totals = pooledScores(['100', '119', '208'].map((r) => score(r, method, { up, down })));
      expect(totals.se, method).toBeGreaterThanOrEqual(99.5);
      expect(totals.ppv, method).toBeGreaterThanOrEqual(99.5);
    }
  });

  it('record 207: ventricular flutter episodes are excluded from scoring', () => {
    const e = score('207', DEFAULT_RPEAK_METHOD);
    expect(e.vfSeconds).toBeGreaterThan(60);
    expect(e.fp).toBeLessThan(20);
  });
});

describe.skipIf(!haveMitdb)('pooled over all 48 MIT-BIH records', () => {
  const names = haveMitdb ? readdirSync(mitdb).filter((f) => f.endsWith('.hea')).map((f) => f.slice(0, -4)).sort() : [];

  it(`the default detector (${DEFAULT_RPEAK_METHOD}) reaches Se >= 99.7 % and +P >= 99.7 %`, () => {
    expect(names.length).toBe(48);
    const pooled = pooledScores(names.map((r) => score(r, DEFAULT_RPEAK_METHOD)));
    expect(pooled.refBeats).toBe(109494);
    expect(pooled.se).toBeGreaterThanOrEqual(99.7);
    expect(pooled.ppv).toBeGreaterThanOrEqual(99.7);
  });

  it('hamilton stays within its published range (Se, +P >= 99.5 %)', () => {
    const pooled = pooledScores(names.map((r) => score(r, 'hamilton')));
    expect(pooled.se).toBeGreaterThanOrEqual(99.5);
    expect(pooled.ppv).toBeGreaterThanOrEqual(99.5);
  });
});
