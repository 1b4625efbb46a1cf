import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDataRoot } from '../data-root';
import { EcgDataError } from '../errors';
import { readCpsc2018Record } from './cpsc2018';
import { parseMat5 } from './mat5';

function errorOf(fn: () => unknown): EcgDataError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EcgDataError) return e;
    throw e;
  }
  throw new Error('expected an EcgDataError');
}

/** A 128-byte little-endian MAT v5 header followed by the given elements. */
function matFile(...elements: Uint8Array[]): Uint8Array {
  const head = Buffer.alloc(128, 0x20);
  head.write('MATLAB 5.0 MAT-file, test', 0, 'latin1');
  head.writeUInt16LE(0x0100, 124);
  head.write('IM', 126, 'latin1');
  return new Uint8Array(Buffer.concat([head, ...elements]));
}
/** One data element: 8-byte tag + data padded to 8 bytes. */
function el(type: number, data: Uint8Array): Uint8Array {
  const tag = Buffer.alloc(8);
  tag.writeUInt32LE(type, 0);
  tag.writeUInt32LE(data.length, 4);
  return new Uint8Array(Buffer.concat([tag, data, Buffer.alloc((8 - (data.length % 8)) % 8)]));
}
/** Small-element format: type and size in one word, up to 4 bytes of data. */
function small(type: number, data: Uint8Array): Uint8Array {
  const b = Buffer.alloc(8);
  b.writeUInt32LE(type | (data.length << 16), 0);
  Buffer.from(data).copy(b, 4);
  return new Uint8Array(b);
}
const i32 = (...v: number[]) => new Uint8Array(Int32Array.from(v).buffer);
const f64 = (...v: number[]) => new Uint8Array(Float64Array.from(v).buffer);
const u16 = (s: string) => new Uint8Array(Uint16Array.from(s, (c) => c.charCodeAt(0)).buffer);
const matrix = (mxClass: number, dims: number[], name: string, ...body: Uint8Array[]) =>
  el(14, new Uint8Array(Buffer.concat([el(6, i32(mxClass, 0)), el(5, i32(...dims)), name.length <= 4 ? small(1, Buffer.from(name)) : el(1, Buffer.from(name)), ...body])));

describe('parseMat5 on hand-built files', () => {
  it('reads numeric (column-major, int16 storage), char (uint16 and small-element utf8) and struct', () => {
    const x = matrix(6, [2, 3], 'x', el(3, new Uint8Array(Int16Array.from([1, 2, 3, 4, 5, 6]).buffer)));
    const s = matrix(2, [1, 1], 'ECG', small(5, i32(4)), el(1, Buffer.from('sex\0age\0')), matrix(4, [1, 4], '', el(4, u16('Male'))), matrix(6, [1, 1], '', el(9, f64(52))));
    const t = matrix(4, [1, 2], 'tt', small(16, Buffer.from('ok')));
    const mat = parseMat5(matFile(x, s, t), 'hand.mat');
    expect([...mat.variables.keys()]).toEqual(['x', 'ECG', 'tt']);
    const xv = mat.variables.get('x')!;
    expect(xv.kind === 'numeric' && [xv.dims, Array.from(xv.real)]).toEqual([[2, 3], [1, 2, 3, 4, 5, 6]]);
    const sv = mat.variables.get('ECG')!;
    if (sv.kind !== 'struct') throw new Error('not a struct');
    expect(sv.fieldNames).toEqual(['sex', 'age']);
    expect(sv.elements[0].sex).toMatchObject({ kind: 'char', text: 'Male' });
    expect(sv.elements[0].age).toMatchObject({ kind: 'numeric', className: 'double' });
    expect(mat.variables.get('tt')).toMatchObject({ kind: 'char', text: 'ok' });
  });
  it('names the byte offset of what is wrong', () => {
    let e = errorOf(() => parseMat5(new Uint8Array(50), 'short.mat'));
    expect([e.code, e.file]).toEqual(['BAD_MAT', 'short.mat']);
    const x = matrix(6, [2, 3], 'x', el(9, f64(1, 2, 3, 4, 5))); // 5 values for 6 cells
    e = errorOf(() => parseMat5(matFile(x), 'count.mat'));
    expect(e.detail).toMatch(/^byte \d+: 5 values for dimensions \[2, 3\]/);
    const big = matFile(x).slice(0, 128 + 20);
    e = errorOf(() => parseMat5(big, 'trunc.mat'));
    expect(e.detail).toMatch(/^byte 128: element of type 14 claims \d+ bytes, only 12 left/);
    const badZ = matFile(el(15, new Uint8Array([0x78, 0x9c, 1, 2, 3, 4])));
    e = errorOf(() => parseMat5(badZ, 'z.mat'));
    expect(e.detail).toMatch(/^byte 128: compressed element does not inflate/);
    const header = matFile(x);
    header[126] = 0x41;
    expect(errorOf(() => parseMat5(header, 'endian.mat')).detail).toMatch(/byte 126/);
  });
});

const root = testDataRoot();
const golden = JSON.parse(readFileSync(join(__dirname, '../../testdata/cpsc2018/golden.json'), 'utf8')) as {
  files: Record<string, { dims: number[]; sex: string; age: number; first: number[][]; last: number[]; sum: number[]; sumAbs: number[] }>;
};

describe.skipIf(!root)('CPSC 2018 sample vs scipy.io.loadmat', () => {
  const dir = join(root ?? '', 'cpsc2018_sample');
  it('covers all 10 files', () => expect(Object.keys(golden.files).length).toBe(10));
  for (const [file, g] of Object.entries(golden.files)) {
    it(`${file}: dims, demographics, samples and per-lead sums`, () => {
      const path = join(dir, file);
      const rec = readCpsc2018Record(path);
      expect(rec.name).toBe(file.replace('.mat', ''));
      expect(rec.path).toBe(path.slice(0, -4));
      expect([rec.signals.length, rec.nSamples]).toEqual(g.dims);
      expect(rec.fs).toBe(500);
      expect(rec.signalNames).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
      expect(rec.units.every((u) => u === 'mV')).toBe(true);
      expect(rec.demographics).toEqual({ age: g.age, ageStatus: 'known', sex: g.sex === 'Male' ? 'M' : 'F' });
      expect(rec.labels).toEqual([]);
      expect(rec.checks.checksum).toBe('absent');
      expect(rec.checks.perSignal.length).toBe(12);
      for (let i = 0; i < 12; i++) {
        g.first[i].forEach((v, j) => expect(rec.signals[i][j]).toBeCloseTo(v, 6));
        expect(rec.signals[i][rec.nSamples - 1]).toBeCloseTo(g.last[i], 6);
      }
      // the float64 values before the Float32 conversion agree with scipy to rounding
      const ecg = parseMat5(readFileSync(path), path).variables.get('ECG');
      if (ecg?.kind !== 'struct' || ecg.elements[0].data.kind !== 'numeric') throw new Error('no ECG.data');
      const real = ecg.elements[0].data.real;
      for (let i = 0; i < 12; i++) {
        let sum = 0;
        let sumAbs = 0;
        for (let j = 0; j < rec.nSamples; j++) {
          sum += real[i + 12 * j];
          sumAbs += Math.abs(real[i + 12 * j]);
        }
        expect(Math.abs(sum - g.sum[i])).toBeLessThan(1e-9 * Math.max(1, g.sumAbs[i]));
        expect(Math.abs(sumAbs - g.sumAbs[i])).toBeLessThan(1e-9 * Math.max(1, g.sumAbs[i]));
      }
    });
  }
});

describe('readCpsc2018Record errors', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'cpsc-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  it('missing file -> MISSING_FILE', () => {
    expect(errorOf(() => readCpsc2018Record(join(tmp, 'none.mat'))).code).toBe('MISSING_FILE');
  });
  it('a MAT file without the ECG struct -> BAD_MAT', () => {
    const p = join(tmp, 'x.mat');
    writeFileSync(p, matFile(matrix(6, [1, 1], 'x', el(9, f64(1)))));
    const e = errorOf(() => readCpsc2018Record(p));
    expect([e.code, e.file]).toEqual(['BAD_MAT', p]);
    expect(e.detail).toMatch(/ECG/);
  });
  it('ECG.data that is not 12 x N -> BAD_MAT', () => {
    const p = join(tmp, 'y.mat');
    const data = matrix(6, [3, 1], '', el(9, f64(1, 2, 3)));
    writeFileSync(p, matFile(matrix(2, [1, 1], 'ECG', small(5, i32(5)), el(1, Buffer.from('data\0')), data)));
    expect(errorOf(() => readCpsc2018Record(p)).detail).toMatch(/12 x N.*\[3 x 1\]/);
  });
});
