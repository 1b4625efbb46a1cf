import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDataRoot } from '../data-root';
import { EcgDataError, isEcgDataError } from '../errors';
import { annotationCode, annotationSymbol, isBeatSymbol } from './annotation-codes';
import { parseMitAnnotations, readWfdbAnnotations } from './annotations';

/** Little-endian 16-bit words -> bytes, the on-disk layout. */
function words(...ws: number[]): Uint8Array {
  const out = new Uint8Array(ws.length * 2);
  ws.forEach((w, i) => {
    out[2 * i] = w & 0xff;
    out[2 * i + 1] = (w >> 8) & 0xff;
  });
  return out;
}
const ann = (code: number, dt: number) => (code << 10) | dt;

function errorOf(fn: () => unknown): EcgDataError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EcgDataError) return e;
    throw e;
  }
  throw new Error('expected an EcgDataError');
}

describe('annotation codes', () => {
  it('maps the standard codes both ways', () => {
    expect(annotationSymbol(1)).toBe('N');
    expect(annotationSymbol(5)).toBe('V');
    expect(annotationSymbol(28)).toBe('+');
    expect(annotationSymbol(12)).toBe('/');
    expect(annotationSymbol(41)).toBe('r');
    expect(annotationSymbol(45)).toBe('[45]');
    expect(annotationCode('A')).toBe(8);
    expect(annotationCode('zz')).toBeNull();
  });
  it('knows which symbols are beats', () => {
    for (const s of 'N L R B A a J S V r F e j n E / f Q ?'.split(' ')) expect(isBeatSymbol(s)).toBe(true);
    for (const s of ['+', '~', '|', '"', '!', '[', ']', 'x', '(', ')', 'p', 't']) expect(isBeatSymbol(s)).toBe(false);
  });
});

describe('parseMitAnnotations (synthetic streams)', () => {
  it('accumulates times and applies modifiers; num/chan persist, sub/aux do not', () => {
    const aux = Buffer.from('(AFIB', 'latin1'); // 5 bytes -> padded to 6
    const bytes = new Uint8Array([
      ...words(ann(1, 10), ann(61, 3), ann(62, 1), ann(60, 7)),
      ...words(ann(28, 5), ann(63, aux.length)),
      ...aux, 0,
      ...words(ann(5, 2)),
      ...words(ann(59, 0), 0x0001, 0x0002), // SKIP 0x00010002 = 65538
      ...words(ann(1, 1), 0),
    ]);
    const a = parseMitAnnotations(bytes, 'x.atr');
    expect(a.map((x) => x.sample)).toEqual([10, 15, 17, 17 + 65538 + 1]);
    expect(a.map((x) => x.symbol)).toEqual(['N', '+', 'V', 'N']);
    expect(a[0]).toMatchObject({ subtype: 3, chan: 1, num: 7, aux: '' });
    expect(a[1]).toMatchObject({ subtype: 0, chan: 1, num: 7, aux: '(AFIB' });
    expect(a[2]).toMatchObject({ subtype: 0, chan: 1, num: 7, aux: '' });
  });
  it('reads code 0 with a time step as a NOTQRS annotation (how putann writes one)', () => {
    const a = parseMitAnnotations(words(ann(59, 0), 0, 9, ann(0, 1), 0), 'x');
    expect(a).toEqual([{ sample: 10, symbol: ' ', code: 0, subtype: 0, chan: 0, num: 0, aux: '' }]);
  });
  it('stops at the zero word', () => {
    expect(parseMitAnnotations(words(ann(1, 4), 0, ann(1, 4)), 'x').length).toBe(1);
  });
  it('rejects odd sizes, AUX past the end, short SKIP and unassigned codes with the byte offset', () => {
    let e = errorOf(() => parseMitAnnotations(new Uint8Array(3), 'odd.atr'));
    expect(e.code).toBe('BAD_ANNOTATION');
    expect(e.file).toBe('odd.atr');
    e = errorOf(() => parseMitAnnotations(words(ann(1, 1), ann(63, 40), 0), 'aux.atr'));
    expect(e.code).toBe('BAD_ANNOTATION');
    expect(e.detail).toMatch(/byte 2/);
    e = errorOf(() => parseMitAnnotations(words(ann(1, 1), ann(63, 300), 0), 'auxlen.atr'));
    expect(e.detail).toBe('byte 2: AUX length 300 exceeds 255');
    e = errorOf(() => parseMitAnnotations(words(ann(1, 1), ann(59, 0), 1), 'skip.atr'));
    expect(e.detail).toMatch(/byte 2: SKIP/);
    e = errorOf(() => parseMitAnnotations(words(ann(1, 1), ann(1, 1), ann(55, 1)), 'code.atr'));
    expect(e.detail).toMatch(/byte 4: unassigned annotation code 55/);
  });
  it('rejects a SKIP that makes time negative', () => {
    const e = errorOf(() => parseMitAnnotations(words(ann(59, 0), 0xffff, 0xfff0, ann(1, 1)), 'neg.atr'));
    expect(e.code).toBe('BAD_ANNOTATION');
  });
});

describe('readWfdbAnnotations file handling', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ann-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('missing file -> MISSING_FILE', () => {
    const e = errorOf(() => readWfdbAnnotations(join(dir, 'nope')));
    expect(e.code).toBe('MISSING_FILE');
    expect(e.file).toBe(join(dir, 'nope.atr'));
  });
  it('takes fs from a time-resolution note when there is no header, and drops the note', () => {
    const note = Buffer.from('## time resolution: 1000', 'latin1');
    const bytes = new Uint8Array([...words(ann(22, 0), ann(63, note.length)), ...note, ...words(ann(1, 500), 0)]);
    writeFileSync(join(dir, 'r1.qrs'), bytes);
    const set = readWfdbAnnotations(join(dir, 'r1'), 'qrs');
    expect(set).toMatchObject({ record: 'r1', extension: 'qrs', fs: 1000 });
    expect(set.annotations.map((a) => [a.sample, a.symbol])).toEqual([[500, 'N']]);
  });
});

const root = testDataRoot();
const mitdb = root ? join(root, 'mitdb') : '';
const tables = JSON.parse(readFileSync(join(__dirname, '../../testdata/mitdb-beat-tables.json'), 'utf8')) as {
  source: string;
  records: Record<string, { total: number; counts: Record<string, number> }>;
};

describe.skipIf(!root)('MIT-BIH Arrhythmia Database annotations', () => {
  it('record 100: 2,273 beats = 2,239 N + 33 A + 1 V, fs 360 from the header', () => {
    const set = readWfdbAnnotations(join(mitdb, '100'));
    expect(set.fs).toBe(360);
    expect(set.record).toBe('100');
    const beats = set.annotations.filter((a) => isBeatSymbol(a.symbol));
    expect(beats.length).toBe(2273);
    const count = (s: string) => beats.filter((b) => b.symbol === s).length;
    expect([count('N'), count('A'), count('V')]).toEqual([2239, 33, 1]);
    // times never go backwards and stay inside the 650,000-sample record
    for (let i = 1; i < set.annotations.length; i++) expect(set.annotations[i].sample).toBeGreaterThanOrEqual(set.annotations[i - 1].sample);
    expect(set.annotations.at(-1)!.sample).toBeLessThan(650000);
  });
  it('accepts the path with the .atr extension too', () => {
    expect(readWfdbAnnotations(join(mitdb, '100.atr')).annotations.length).toBe(readWfdbAnnotations(join(mitdb, '100')).annotations.length);
  });
  it('records 201 and 203 carry (AFIB rhythm annotations on "+" marks', () => {
    for (const r of ['201', '203']) {
      const rhythm = readWfdbAnnotations(join(mitdb, r)).annotations.filter((a) => a.aux === '(AFIB');
      expect(rhythm.length).toBeGreaterThan(0);
      expect(rhythm.every((a) => a.symbol === '+')).toBe(true);
    }
  });
  it('all 48 records decode, with beats in every record', () => {
    const records = readFileSync(join(mitdb, 'RECORDS'), 'utf8').split(/\s+/).filter(Boolean);
    expect(records.length).toBe(48);
    for (const r of records) {
      const beats = readWfdbAnnotations(join(mitdb, r)).annotations.filter((a) => isBeatSymbol(a.symbol));
      expect(beats.length, r).toBeGreaterThan(1000);
    }
  });
  it(`beat counts match the published table for ${Object.keys(tables.records).join(', ')}`, () => {
    expect(tables.source).toMatch(/PhysioNet/);
    for (const [r, want] of Object.entries(tables.records)) {
      const counts: Record<string, number> = {};
      for (const a of readWfdbAnnotations(join(mitdb, r)).annotations) if (isBeatSymbol(a.symbol)) counts[a.symbol] = (counts[a.symbol] ?? 0) + 1;
      expect(counts, r).toEqual(want.counts);
      expect(Object.values(counts).reduce((s, n) => s + n, 0)).toBe(want.total);
    }
  });
  it('a missing .atr is reported as MISSING_FILE, not a crash', () => {
    expect(isEcgDataError((() => { try { readWfdbAnnotations(join(mitdb, '100'), 'nope'); } catch (e) { return e; } })(), 'MISSING_FILE')).toBe(true);
  });
});
