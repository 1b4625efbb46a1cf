import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDataRoot } from '../data-root';
import { EcgDataError, isEcgDataError } from '../errors';
import { readWfdbRecord } from './record';

const root = testDataRoot();
const golden = JSON.parse(readFileSync(join(__dirname, '../../testdata/wfdb/golden.json'), 'utf8')) as {
  records: Record<string, { nSamples: number; signals: { name: string; digitalSum: number; first: number[]; last: number[]; physicalMean: number }[] }>;
};

function headersIn(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.hea')).map((f) => join(dir, f.slice(0, -4))).sort();
}

function caught(fn: () => unknown): EcgDataError {
  try {
    fn();
  } catch (e) {
    if (isEcgDataError(e)) return e;
    throw e;
  }
  throw new Error('expected an EcgDataError');
}

describe.skipIf(!root)('readWfdbRecord on the real data sets', () => {
  it('verifies checksums and initial values of all 48 MIT-BIH records', () => {
    const records = headersIn(join(root!, 'mitdb'));
    expect(records).toHaveLength(48);
    for (const r of records) {
      const rec = readWfdbRecord(r, { verify: 'error' });
      expect(rec.nSamples, r).toBe(650000);
      expect(rec.signals).toHaveLength(2);
      expect(rec.checks.checksum, r).toBe('ok');
      expect(rec.checks.initialValue, r).toBe('ok');
    }
  });

  it('verifies every CinC 2021 sample record and every PTB-XL record (both header copies)', () => {
    const dirs = ['cinc2021_sample', 'ptbxl_subset/physionet_original/records100/00000', 'ptbxl_subset/ecg-image-kit_challenge2024/00000'];
    const counts = dirs.map((d) => {
      const records = headersIn(join(root!, d));
      for (const r of records) {
        const rec = readWfdbRecord(r, { verify: 'report' });
        expect([rec.checks.checksum, rec.checks.initialValue], r).toEqual(['ok', 'ok']);
        expect(rec.signals).toHaveLength(12);
      }
      return records.length;
    });
    expect(counts).toEqual([50, 500, 987]);
  });

  it('decodes all 3,413 CinC 2017 records to the length their headers state', () => {
    const records = headersIn(join(root!, 'cinc2017'));
    expect(records).toHaveLength(3413);
    let initialMismatches = 0;
    for (const r of records) {
      const declared = Number(readFileSync(r + '.hea', 'latin1').split(/\s+/)[3]);
      const rec = readWfdbRecord(r, { verify: 'report' });
      expect(rec.nSamples, r).toBe(declared);
      expect(rec.fs).toBe(300);
      if (rec.checks.initialValue === 'mismatch') initialMismatches++;
      // The published CinC 2017 headers store 0 in every checksum field (never computed).
      expect(rec.checks.checksum).toBe('mismatch');
    }
    // A property of the published files, confirmed with numpy: 222 headers carry initial values
    // that disagree with the first sample of their .mat file.
    expect(initialMismatches).toBe(222);
  });

  it.each(Object.keys(golden.records))('agrees with numpy decoding the bytes of %s', (rel) => {
    const g = golden.records[rel];
    const rec = readWfdbRecord(join(root!, rel), { verify: 'skip' });
    expect(rec.nSamples).toBe(g.nSamples);
    g.signals.forEach((gs, i) => {
      expect(rec.signalNames[i]).toBe(gs.name);
      Array.from(rec.signals[i].slice(0, 8)).forEach((v, k) => expect(v).toBeCloseTo(gs.first[k], 6));
      Array.from(rec.signals[i].slice(-4)).forEach((v, k) => expect(v).toBeCloseTo(gs.last[k], 6));
      let sum = 0;
      for (const v of rec.signals[i]) sum += v;
      expect(sum / rec.nSamples).toBeCloseTo(gs.physicalMean, 5);
      // physical -> digital round trip of the whole signal reproduces numpy's digital sum
      let dsum = 0;
      for (const v of rec.signals[i]) dsum += Math.round(v * rec.gains[i] + rec.baselines[i]);
      expect(dsum).toBe(gs.digitalSum);
    });
  });

  it('reads demographics and Dx labels from the header comments', () => {
    expect(readWfdbRecord(join(root!, 'mitdb/100')).demographics).toEqual({ age: 69, ageStatus: 'known', sex: 'M' });
    const e = readWfdbRecord(join(root!, 'cinc2021_sample/E07500'));
    expect(e.demographics).toEqual({ age: 78, ageStatus: 'known', sex: 'M' });
    expect(e.labels).toEqual(['67741000119109', '426177001']);
  });

  it('returns a channel subset and a sample range', () => {
    const full = readWfdbRecord(join(root!, 'mitdb/208'));
    const part = readWfdbRecord(join(root!, 'mitdb/208'), { channels: [1], sampFrom: 1000, sampTo: 1360 });
    expect(part.signalNames).toEqual(['V1']);
    expect(part.nSamples).toBe(360);
    expect(Array.from(part.signals[0])).toEqual(Array.from(full.signals[1].slice(1000, 1360)));
    expect(caught(() => readWfdbRecord(join(root!, 'mitdb/208'), { channels: [2] })).code).toBe('BAD_ARGUMENT');
    expect(caught(() => readWfdbRecord(join(root!, 'mitdb/208'), { sampTo: 650001 })).code).toBe('BAD_ARGUMENT');
  });
});

describe.skipIf(!root)('readWfdbRecord on bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wfdb-bad-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function copyRecord(set: string, name: string, to: string, exts: string[]) {
    for (const ext of exts) copyFileSync(join(root!, set, `${name}.${ext}`), join(dir, `${to}.${ext}`));
    return join(dir, to);
  }

  it('names a missing header or signal file', () => {
    const e = caught(() => readWfdbRecord(join(dir, 'nothing')));
    expect([e.code, e.file]).toEqual(['MISSING_FILE', join(dir, 'nothing.hea')]);
    writeFileSync(join(dir, 'lonely.hea'), '100 2 360 650000\r\n100.dat 212 200 11 1024 995 -22131 0 MLII\r\n100.dat 212 200 11 1024 1011 20052 0 V5\r\n');
    expect(caught(() => readWfdbRecord(join(dir, 'lonely'))).code).toBe('MISSING_FILE');
  });

  it('detects a truncated signal file', () => {
    const p = copyRecord('mitdb', '100', '100', ['hea']);
    writeFileSync(join(dir, '100.dat'), readFileSync(join(root!, 'mitdb/100.dat')).subarray(0, 1_000_000));
    const e = caught(() => readWfdbRecord(p));
    expect(e.code).toBe('TRUNCATED');
    expect(e.file).toBe(join(dir, '100.dat'));
    expect(e.detail).toMatch(/1950000 bytes.*file has 1000000/);
  });

  it('detects a header that disagrees with the file size', () => {
    const p = copyRecord('mitdb', '101', 'short', ['dat']);
    writeFileSync(p + '.hea', readFileSync(join(root!, 'mitdb/101.hea'), 'latin1').replace('650000', '600000').replace(/101\.dat/g, 'short.dat'));
    expect(caught(() => readWfdbRecord(p, { verify: 'skip' })).code).toBe('SIZE_MISMATCH');
  });

  it('rejects an unknown format', () => {
    const p = copyRecord('mitdb', '103', '103', ['dat']);
    writeFileSync(p + '.hea', readFileSync(join(root!, 'mitdb/103.hea'), 'latin1').replace(/ 212 /g, ' 999 '));
    expect(caught(() => readWfdbRecord(p)).code).toBe('UNSUPPORTED_FORMAT');
  });

  it('detects a flipped sample as a checksum mismatch naming the signal', () => {
    const p = copyRecord('mitdb', '105', '105', ['hea']);
    const dat = readFileSync(join(root!, 'mitdb/105.dat'));
    dat[600_000] ^= 0x10;
    writeFileSync(p + '.dat', dat);
    const e = caught(() => readWfdbRecord(p));
    expect(e.code).toBe('CHECKSUM_MISMATCH');
    expect(e.detail).toMatch(/checksum of signal \d/);
    const report = readWfdbRecord(p, { verify: 'report' });
    expect(report.checks.checksum).toBe('mismatch');
    expect(report.checks.perSignal.filter((s) => s.checksum === 'mismatch')).toHaveLength(1);
  });

  it('rejects garbage in place of a header or a MAT v4 file', () => {
    writeFileSync(join(dir, 'junk.hea'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
    expect(caught(() => readWfdbRecord(join(dir, 'junk'))).code).toBe('BAD_HEADER');
    const p = copyRecord('cinc2017', 'A00001', 'A00001', ['hea']);
    const mat = readFileSync(join(root!, 'cinc2017/A00001.mat'));
    mat.writeInt32LE(9999, 0);
    writeFileSync(p + '.mat', mat);
    const e = caught(() => readWfdbRecord(p));
    expect([e.code, e.file]).toEqual(['BAD_MAT', p + '.mat']);
  });
});
