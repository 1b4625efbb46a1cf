import { describe, expect, it } from 'vitest';
import { bundledSampleRoot, testDataRoot } from '../../data-root';
import { isEcgDataError } from '../../errors';
import { AAMI_CLASSES, aamiClassOf, addAamiCounts, emptyAamiCounts } from './aami';
import { countMitdbBeats, iterateMitdbBeats, listMitdbBeats } from './beats';
import { MITDB_DS1, MITDB_DS2, MITDB_PACED, mitdbPatientOf } from './records';
import { mitdbDs1PatientFolds, mitdbInterPatientSplit, mitdbIntraPatientSplit } from './splits';

const root = testDataRoot();

describe('AAMI mapping', () => {
  it('maps the 15 MIT-BIH beat types of the protocol and nothing else', () => {
    expect('NLRej'.split('').map(aamiClassOf)).toEqual(['N', 'N', 'N', 'N', 'N']);
    expect('AaJS'.split('').map(aamiClassOf)).toEqual(['S', 'S', 'S', 'S']);
    expect(['V', 'E', 'F', '/', 'f', 'Q'].map(aamiClassOf)).toEqual(['V', 'V', 'F', 'Q', 'Q', 'Q']);
    for (const s of ['+', '~', '|', 'x', '[', ']', '!', '"', 'B', 'n', 'toString']) expect(aamiClassOf(s)).toBeNull();
  });
  it('record lists: 22 + 22 + 4 paced, disjoint; 201 and 202 are one patient', () => {
    expect(MITDB_DS1).toHaveLength(22);
    expect(MITDB_DS2).toHaveLength(22);
    expect(new Set([...MITDB_DS1, ...MITDB_DS2, ...MITDB_PACED]).size).toBe(48);
    expect(mitdbPatientOf('202')).toBe(mitdbPatientOf('201'));
    expect(mitdbPatientOf('100')).toBe('100');
  });
});

describe('MIT-BIH beats on the bundled sample (records 100 and 200)', () => {
  const sample = bundledSampleRoot();
  it('record 100: 2,239 normal and 33 APC beats, 1 PVC', () => {
    const counts = countMitdbBeats(sample, ['100']).get('100')!;
    expect(counts).toEqual({ N: 2239, S: 33, V: 1, F: 0, Q: 0 });
  });
  it('windows are 256 samples per channel, centred as documented, with RR from the annotations', () => {
    const stats = { skippedAtEdges: 0 };
    const beats = [...iterateMitdbBeats(sample, ['100'], { stats })];
    const refs = listMitdbBeats(sample, '100');
    expect(beats.length + stats.skippedAtEdges).toBe(refs.length);
    expect(stats.skippedAtEdges).toBeLessThanOrEqual(2);
    const b = beats[10];
    expect(b.signals).toHaveLength(2);
    expect(b.signals[0]).toHaveLength(256);
    expect(b.rrPrevious).toBe(b.sample - beats[9].sample);
    expect(b.demographics).toMatchObject({ age: 69, sex: 'M' });
    // The R peak of a normal MLII beat is the largest sample near the window's index 90.
    const w = b.signals[0];
    let argmax = 0;
    for (let i = 0; i < w.length; i++) if (w[i] > w[argmax]) argmax = i;
    expect(Math.abs(argmax - 90)).toBeLessThanOrEqual(10);
  });
  it('on the sample, DS1 is absent and the split says which records are missing', () => {
    const split = mitdbInterPatientSplit(sample, { seed: 0 });
    expect(split.train).toEqual([]);
    expect(split.validation).toEqual([]);
    expect(split.test).toEqual(['100', '200']);
    expect(split.missing).toHaveLength(42);
  });
  it('bad windows and missing records are typed errors', () => {
    expect(() => [...iterateMitdbBeats(sample, ['100'], { window: { before: -1, after: 10 } })]).toThrow(/BAD_ARGUMENT/);
    try {
      listMitdbBeats(sample, '101');
      expect.unreachable();
    } catch (e) {
      expect(isEcgDataError(e, 'MISSING_FILE')).toBe(true);
      expect(String(e)).toContain('101.atr');
    }
  });
});

describe.skipIf(!root)('MIT-BIH inter-patient protocol on all 48 records', () => {
  const r = root!;
  it('DS1 and DS2 class counts agree with de Chazal et al. 2004 (Table I)', () => {
    const total = (records: readonly string[]) => {
      const t = emptyAamiCounts();
      for (const c of countMitdbBeats(r, records).values()) addAamiCounts(t, c);
      return t;
    };
    // de Chazal's table lists DS1 F = 414; the PhysioNet annotations hold 415. The extra one is
    // likely the F beat at sample 46 of record 208, too close to the start for a beat window.
    expect(total(MITDB_DS1)).toEqual({ N: 45866, S: 944, V: 3788, F: 415, Q: 8 });
    expect(total(MITDB_DS2)).toEqual({ N: 44259, S: 1837, V: 3221, F: 388, Q: 7 });
  });
  it('validation comes from DS1 by patient, is seeded, and keeps every class in training', () => {
    const a = mitdbInterPatientSplit(r, { seed: 0 });
    const b = mitdbInterPatientSplit(r, { seed: 0 });
    const c = mitdbInterPatientSplit(r, { seed: 1 });
    expect(a).toEqual(b);
    expect(a.validation).not.toEqual(c.validation);
    expect(a.validation).toHaveLength(4);
    expect(a.train.length + a.validation.length).toBe(22);
    for (const v of a.validation) expect(MITDB_DS1).toContain(v);
    expect(a.test).toEqual([...MITDB_DS2]);
    expect(a.missing).toEqual([]);
    expect(new Set([...a.train, ...a.validation, ...a.test]).size).toBe(44);
    for (const p of MITDB_PACED) expect([...a.train, ...a.validation, ...a.test]).not.toContain(p);
    const train = emptyAamiCounts();
    for (const x of countMitdbBeats(r, a.train).values()) addAamiCounts(train, x);
    for (const k of ['N', 'S', 'V', 'F'] as const) expect(train[k]).toBeGreaterThan(0);
    // Each scored class is cut near the 20 % target (not all F beats, most of them in 208, in validation).
    const val = emptyAamiCounts();
    for (const x of countMitdbBeats(r, a.validation).values()) addAamiCounts(val, x);
    for (const k of ['N', 'S', 'V'] as const) expect(val[k] / (val[k] + train[k])).toBeGreaterThan(0.05);
    expect(val.F / (val.F + train.F)).toBeLessThan(0.5);
  });
  it('DS1 patient folds: disjoint, every DS1 patient in exactly one, deterministic; a fold is a run\'s validation set', () => {
    const folds = mitdbDs1PatientFolds(r, { folds: 5 });
    expect(folds).toEqual(mitdbDs1PatientFolds(r, { folds: 5 }));
    expect(folds).toHaveLength(5);
    const all = folds.flat();
    expect([...all].sort()).toEqual([...MITDB_DS1].sort());
    expect(new Set(all).size).toBe(MITDB_DS1.length);
    const patientsPerFold = folds.map((f) => new Set(f.map(mitdbPatientOf)).size);
    // 22 DS1 patients (202, the second record of 201's patient, is in DS2) dealt into 5
    expect([...patientsPerFold].sort()).toEqual([4, 4, 4, 5, 5]);
    // each scored class spread over the folds: no fold holds all of a class's beats
    const perFold = folds.map((f) => {
      const c = emptyAamiCounts();
      for (const x of countMitdbBeats(r, f).values()) addAamiCounts(c, x);
      return c;
    });
    for (const k of ['N', 'S', 'V'] as const) expect(Math.max(...perFold.map((c) => c[k]))).toBeLessThan(0.6 * perFold.reduce((n, c) => n + c[k], 0));
    // the split validates on the chosen fold whatever the training seed, and trains on the rest of DS1
    const s = mitdbInterPatientSplit(r, { seed: 7, validationFold: { folds: 5, fold: 3 } });
    expect(s.validation).toEqual(folds[3]);
    expect([...s.train, ...s.validation].sort()).toEqual([...MITDB_DS1].sort());
    expect(() => mitdbInterPatientSplit(r, { validationFold: { folds: 5, fold: 5 } })).toThrow(/fold 5 is not one of 0\.\.4/);
    expect(() => mitdbDs1PatientFolds(r, { folds: 30 })).toThrow(/22 DS1 patients into 30 folds/);
  });
  it('the intra-patient split is stratified by class and only exists under its name', () => {
    const beats = ['100', '101', '208'].flatMap((x) => listMitdbBeats(r, x));
    const s = mitdbIntraPatientSplit(beats, { seed: 3 });
    expect(s.protocol).toMatch(/^intra-patient/);
    expect(s.train.length + s.validation.length + s.test.length).toBe(beats.length);
    for (const k of AAMI_CLASSES) {
      const all = beats.filter((b) => b.aamiClass === k).length;
      if (all < 50) continue;
      expect(s.test.filter((b) => b.aamiClass === k).length / all).toBeCloseTo(0.2, 1);
    }
    // Beats of one record sit on several sides: that is the leak the name warns about.
    expect(new Set(s.test.map((b) => b.record)).size).toBe(3);
    expect(new Set(s.train.map((b) => b.record)).size).toBe(3);
  });
  it('iterates a chosen subset of beats in record order; a beat too close to the start is skipped and counted', () => {
    const first = listMitdbBeats(r, '208').filter((b) => b.aamiClass === 'F')[0];
    expect(first.sample).toBe(46);
    const stats = { skippedAtEdges: 0 };
    expect([...iterateMitdbBeats(r, ['208'], { beats: [first], stats })]).toHaveLength(0);
    expect(stats.skippedAtEdges).toBe(1);
    const refs = listMitdbBeats(r, '208').filter((b) => b.aamiClass === 'F').slice(1, 6);
    const got = [...iterateMitdbBeats(r, ['208'], { beats: refs, channels: [0] })];
    expect(got.map((g) => g.sample)).toEqual(refs.map((b) => b.sample));
    expect(got.every((g) => g.aamiClass === 'F' && g.signals.length === 1)).toBe(true);
  });
});
