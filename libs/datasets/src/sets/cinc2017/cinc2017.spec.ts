import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledSampleRoot, testDataRoot } from '../../data-root';
import { isEcgDataError } from '../../errors';
import { CINC2017_CLASSES, loadCinc2017, parseCinc2017Reference } from './reference';
import { cinc2017Split, iterateCinc2017Examples } from './examples';

const root = testDataRoot();
const countBy = <T,>(xs: T[], f: (x: T) => string) => xs.reduce<Record<string, number>>((m, x) => ((m[f(x)] = (m[f(x)] ?? 0) + 1), m), {});

describe('REFERENCE.csv parsing', () => {
  it('reads PhysioNet lines with CRLF and skips a header line', () => {
    const m = parseCinc2017Reference('data_source,class\r\nA00001,N\r\nA00004,A\r\nA00005,~\r\n', 'REFERENCE.csv');
    expect([...m]).toEqual([['A00001', 'N'], ['A00004', 'A'], ['A00005', '~']]);
  });
  it('names the file, line and problem for unknown labels, duplicates and short rows', () => {
    expect(() => parseCinc2017Reference('A00001,N\nA00002,X\n', 'ref.csv')).toThrow(/ref.csv: BAD_LABEL_FILE: line 2: record A00002 has unknown label "X"/);
    expect(() => parseCinc2017Reference('A00001,N\nA00001,A\n', 'ref.csv')).toThrow(/line 2: record A00001 is listed twice/);
    expect(() => parseCinc2017Reference('A00001,N\nA00002\n', 'ref.csv')).toThrow(/line 2: expected "record,label"/);
  });
});

describe('CinC 2017 on the bundled sample', () => {
  const dir = join(bundledSampleRoot(), 'cinc2017');
  it('has 6 records of each class and gives fixed-length windows', () => {
    const { entries } = loadCinc2017(dir);
    expect(countBy(entries, (e) => e.label)).toEqual({ N: 6, A: 6, O: 6, '~': 6 });
    const ex = [...iterateCinc2017Examples(entries.slice(0, 3), { policy: { kind: 'crop-or-pad', length: 3000 } })];
    expect(ex.every((e) => e.fs === 300 && e.windows.length === 1 && e.windows[0].length === 3000)).toBe(true);
    expect(ex[0].labelIndex).toBe(CINC2017_CLASSES.indexOf(ex[0].label));
    const slid = [...iterateCinc2017Examples(entries.slice(0, 1), { policy: { kind: 'sliding', length: 3000, stride: 1500 } })][0];
    expect(slid.windows.length).toBe(Math.ceil((slid.nSamples - 3000) / 1500) + 1);
  });
});

describe('CinC 2017 bad input', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'cinc2017-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const src = join(bundledSampleRoot(), 'cinc2017');
  const first = loadCinc2017(src).entries[0].record;
  for (const ext of ['.hea', '.mat']) copyFileSync(join(src, first + ext), join(tmp, first + ext));

  it('a record without a label is MISSING_LABEL naming the record', () => {
    writeFileSync(join(tmp, 'REFERENCE.csv'), 'A99999,N\n');
    try {
      loadCinc2017(tmp);
      expect.unreachable();
    } catch (e) {
      expect(isEcgDataError(e, 'MISSING_LABEL')).toBe(true);
      expect(String(e)).toContain(`${first}.hea`);
    }
  });
  it('a missing-sample value (-32768) in the .mat is NAN_SAMPLES naming record and index', () => {
    writeFileSync(join(tmp, 'REFERENCE.csv'), `${first},N\n`);
    const mat = readFileSync(join(tmp, first + '.mat'));
    const headerBytes = 20 + mat.readInt32LE(16); // MAT v4: 20-byte header + variable name
    mat.writeInt16LE(-32768, headerBytes + 2 * 123);
    writeFileSync(join(tmp, first + '.mat'), mat);
    const { entries } = loadCinc2017(tmp);
    expect(() => [...iterateCinc2017Examples(entries, { policy: { kind: 'crop-or-pad', length: 3000 } })]).toThrow(/NAN_SAMPLES.*index 123/);
  });
  it('no REFERENCE.csv is MISSING_FILE', () => {
    expect(() => loadCinc2017(join(tmp, 'nowhere'))).toThrow(/MISSING_FILE/);
  });
});

describe.skipIf(!root)('CinC 2017 shared subset (3,413 records)', () => {
  // the body of a skipped suite still runs to collect tests: load only when the data is there
  const { entries, labelledButMissing } = root ? loadCinc2017(join(root, 'cinc2017')) : { entries: [], labelledButMissing: [] };
  it('has the documented label counts', () => {
    expect(entries).toHaveLength(3413);
    expect(labelledButMissing).toEqual([]);
    expect(countBy(entries, (e) => e.label)).toEqual({ N: 2020, O: 983, A: 296, '~': 114 });
  });
  it('the seeded split is stratified, disjoint, complete and reproducible', () => {
    const s = cinc2017Split(entries, { seed: 0 });
    const again = cinc2017Split(entries, { seed: 0 });
    const other = cinc2017Split(entries, { seed: 1 });
    expect(s).toEqual(again);
    expect(s.test).not.toEqual(other.test);
    const all = [...s.train, ...s.validation, ...s.test].map((e) => e.record);
    expect(new Set(all).size).toBe(3413);
    expect(countBy(s.test, (e) => e.label)).toEqual({ N: 404, O: 197, A: 59, '~': 23 });
    expect(countBy(s.validation, (e) => e.label)).toEqual({ N: 202, O: 98, A: 30, '~': 11 });
  });
});
