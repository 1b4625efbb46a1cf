import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledSampleRoot, readRecord, resolveDataRoot, testDataRoot } from '@efficientecg/datasets';

const sample = bundledSampleRoot();

describe('bundled sample', () => {
  it('matches its SHA256SUMS.txt file for file', () => {
    const lines = readFileSync(join(sample, 'SHA256SUMS.txt'), 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(100);
    for (const line of lines) {
      const [hash, rel] = line.split(/\s+/);
      expect(createHash('sha256').update(readFileSync(join(sample, rel))).digest('hex'), rel).toBe(hash);
    }
  });

  it('decodes every WFDB record with verified checksums and initial values', () => {
    let n = 0;
    for (const set of ['mitdb', 'cinc2017', 'cinc2021_sample']) {
      for (const f of readdirSync(join(sample, set)).filter((f) => f.endsWith('.hea'))) {
        // CinC 2017 headers store 0 as every checksum (see libs/datasets record.spec.ts)
        const rec = readRecord(join(sample, set, f), { verify: set === 'cinc2017' ? 'report' : 'error' });
        expect(rec.checks.checksum, f).toBe(set === 'cinc2017' ? 'mismatch' : 'ok');
        expect(rec.nSamples).toBe(Number(readFileSync(join(sample, set, f), 'latin1').split(/\s+/)[3]));
        n++;
      }
    }
    expect(n).toBe(2 + 24 + 6);
  });

  it('is the data root when no flag, environment variable or download says otherwise', () => {
    const r = resolveDataRoot(undefined, {});
    if (r.source === 'bundled-sample') expect(r.path).toBe(sample);
    else expect(r.source).toBe('downloaded');
    expect(resolveDataRoot('/some/where', { ECG_DATA_ROOT: '/else' })).toEqual({ path: '/some/where', source: 'flag' });
    expect(resolveDataRoot(undefined, { ECG_DATA_ROOT: '/else' })).toEqual({ path: '/else', source: 'env' });
  });
});

describe.skipIf(!testDataRoot())('bundled sample against the shared data', () => {
  it('holds byte-identical copies of the shared records', () => {
    const root = testDataRoot()!;
    for (const rel of ['mitdb/100', 'mitdb/200', 'cinc2017/A00001', 'cinc2021_sample/JS20001']) {
      const a = readRecord(join(sample, rel));
      const b = readRecord(join(root, rel));
      expect(a.signals.length).toBe(b.signals.length);
      a.signals.forEach((s, i) => expect(Buffer.from(s.buffer).equals(Buffer.from(b.signals[i].buffer)), rel).toBe(true));
    }
  });
});
