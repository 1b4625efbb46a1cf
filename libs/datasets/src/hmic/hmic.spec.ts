import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDataRoot } from '../data-root';
import { EcgDataError } from '../errors';
import { readWfdbRecord } from '../wfdb/record';
import { HMIC_LEADS, HMIC_MV_PER_UNIT } from './hmic-format';
import { readHmicLabelFile, readHmicRecord } from './hmic-reader';
import { writeHmicLabelFile, writeHmicRecord } from './hmic-writer';

function errorOf(fn: () => unknown): EcgDataError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EcgDataError) return e;
    throw e;
  }
  throw new Error('expected an EcgDataError');
}

const fixtures = join(__dirname, '../../testdata/hmic');
const FIXTURES = ['E07500', 'E07501', 'HR06000', 'JS20000'];

describe('HMIC fixtures (made by tools/fixtures/make-hmic-fixtures.ts)', () => {
  const labels = readHmicLabelFile(join(fixtures, 'hmic_label.txt'));
  it('label file: ids, ages (one empty), sexes, labels', () => {
    expect([...labels.keys()]).toEqual(FIXTURES);
    expect(labels.get('E07500')).toEqual({ age: 78, sex: 'M', labels: ['67741000119109', '426177001'] });
    expect(labels.get('JS20000')).toEqual({ age: null, sex: 'F', labels: ['284470004', '427084000', '698252002', '55930002'] });
  });
  it('records: 8 leads x 5000 samples at 500 Hz in mV, demographics and labels from the table', () => {
    for (const id of FIXTURES) {
      const rec = readHmicRecord(join(fixtures, `${id}.txt`), { labels });
      expect(rec.name).toBe(id);
      expect(rec.path).toBe(join(fixtures, id));
      expect([rec.fs, rec.nSamples, rec.signals.length]).toEqual([500, 5000, 8]);
      expect(rec.signalNames).toEqual([...HMIC_LEADS]);
      expect(rec.labels).toEqual(labels.get(id)!.labels);
      expect(rec.demographics.sex).toBe(labels.get(id)!.sex);
      expect(rec.checks).toMatchObject({ checksum: 'absent', initialValue: 'absent' });
      // every value is a whole number of 4.88 uV steps
      for (const s of rec.signals) for (let j = 0; j < s.length; j += 97) expect(Math.abs(s[j] / HMIC_MV_PER_UNIT - Math.round(s[j] / HMIC_MV_PER_UNIT))).toBeLessThan(1e-3);
    }
    expect(readHmicRecord(join(fixtures, 'JS20000.txt'), { labels }).demographics).toEqual({ age: null, ageStatus: 'missing', sex: 'F' });
    expect(readHmicRecord(join(fixtures, 'E07500.txt')).labels).toEqual([]);
  });
});

const root = testDataRoot();
describe.skipIf(!root)('HMIC fixtures vs their CinC 2021 sources', () => {
  it('match leads I, II, V1-V6 within the 4.88 uV quantisation', () => {
    for (const id of FIXTURES) {
      const src = readWfdbRecord(join(root!, 'cinc2021_sample', id));
      const rec = readHmicRecord(join(fixtures, `${id}.txt`));
      HMIC_LEADS.forEach((lead, i) => {
        const s = src.signals[src.signalNames.indexOf(lead)];
        expect(s.length).toBe(rec.nSamples);
        let worst = 0;
        for (let j = 0; j < s.length; j++) worst = Math.max(worst, Math.abs(s[j] - rec.signals[i][j]));
        expect(worst, `${id} ${lead}`).toBeLessThanOrEqual(HMIC_MV_PER_UNIT / 2 + 1e-6);
      });
    }
  });
});

describe('HMIC errors and round trip', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'hmic-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const lines = readFileSync(join(fixtures, 'E07500.txt'), 'latin1').split('\n');
  const write = (name: string, text: string) => {
    const p = join(tmp, name);
    writeFileSync(p, text);
    return p;
  };
  it('writer and reader round-trip 8 signals (any length with expectedSamples: null)', () => {
    const signals = HMIC_LEADS.map((_, i) => Float32Array.from({ length: 10 }, (_, j) => (i - 4) * 0.37 + j * 0.0123));
    const p = join(tmp, 'rt.txt');
    writeHmicRecord(p, signals);
    const rec = readHmicRecord(p, { expectedSamples: null });
    signals.forEach((s, i) => s.forEach((v, j) => expect(Math.abs(rec.signals[i][j] - v)).toBeLessThanOrEqual(HMIC_MV_PER_UNIT / 2 + 1e-6)));
    expect(errorOf(() => readHmicRecord(p)).code).toBe('TRUNCATED'); // 10 rows, 5000 expected
    expect(errorOf(() => writeHmicRecord(p, signals.slice(0, 7))).code).toBe('BAD_ARGUMENT');
  });
  it('label file round trip', () => {
    const p = join(tmp, 'labels.txt');
    writeHmicLabelFile(p, [{ id: 'a', age: 40, sex: 'F', labels: ['窦性心律', 'T波改变'] }, { id: 'b', age: null, sex: 'M', labels: [] }]);
    const t = readHmicLabelFile(p);
    expect(t.get('a')).toEqual({ age: 40, sex: 'F', labels: ['窦性心律', 'T波改变'] });
    expect(t.get('b')).toEqual({ age: null, sex: 'M', labels: [] });
  });
  it('bad lead row -> BAD_HEADER; short/long rows and files -> TRUNCATED/SIZE_MISMATCH; non-integers -> NAN_SAMPLES', () => {
    expect(errorOf(() => readHmicRecord(write('h.txt', ['I II V1 V2 V3 V4 V6 V5', ...lines.slice(1)].join('\n')))).code).toBe('BAD_HEADER');
    let e = errorOf(() => readHmicRecord(write('t.txt', lines.slice(0, 4000).join('\n'))));
    expect([e.code, e.detail]).toEqual(['TRUNCATED', '3999 sample rows, expected 5000']);
    const cut = [...lines];
    cut[5000] = cut[5000].split(' ').slice(0, 5).join(' ');
    e = errorOf(() => readHmicRecord(write('c.txt', cut.join('\n'))));
    expect([e.code, e.detail]).toEqual(['TRUNCATED', 'line 5001: 5 values, expected 8']);
    const wide = [...lines];
    wide[10] += ' 7';
    expect(errorOf(() => readHmicRecord(write('w.txt', wide.join('\n')))).detail).toBe('line 11: 9 values, expected 8');
    const junk = [...lines];
    junk[3] = junk[3].replace(/^\S+/, '1.5');
    e = errorOf(() => readHmicRecord(write('j.txt', junk.join('\n'))));
    expect([e.code, e.detail]).toEqual(['NAN_SAMPLES', "line 4, lead I: '1.5' is not an integer"]);
    expect(errorOf(() => readHmicRecord(join(tmp, 'none.txt'))).code).toBe('MISSING_FILE');
    expect(errorOf(() => readHmicRecord(join(fixtures, 'E07500.txt'), { labels: new Map() })).code).toBe('MISSING_LABEL');
  });
  it('bad label files -> BAD_LABEL_FILE naming the line', () => {
    const cases: [string, RegExp][] = [
      ['a.txt\t40\n', /line 1: 2 tab-separated fields/],
      ['a.txt\t40\tMALE\tx\nb.txt\tforty\tMALE\n', /line 2: age 'forty'/],
      ['a.txt\t40\tM?\tx\n', /line 1: sex 'M\?'/],
      ['a\t40\tMALE\n', /line 1: 'a' is not a record file name/],
      ['a.txt\t40\tMALE\na.txt\t41\tFEMALE\n', /line 2: record a listed twice/],
    ];
    cases.forEach(([text, want], k) => {
      const p = write(`l${k}.txt`, text);
      const e = errorOf(() => readHmicLabelFile(p));
      expect([e.code, e.file]).toEqual(['BAD_LABEL_FILE', p]);
      expect(e.detail).toMatch(want);
    });
  });
});
