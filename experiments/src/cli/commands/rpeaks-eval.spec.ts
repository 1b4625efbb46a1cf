import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledSampleRoot, testDataRoot } from '@efficientecg/datasets';
import { runCli } from '../testing/run-cli';
import type { RPeaksEvaluation } from './rpeaks-eval';

const sample = bundledSampleRoot();

function json<T>(args: string[]): T {
  const r = runCli(args);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as T;
}

describe('ecg rpeaks-eval', () => {
  it('scores the bundled sample records and pools the counts', () => {
    const e = json<RPeaksEvaluation>(['rpeaks-eval', '--dataset', 'mitdb', '--data-root', sample, '--json']);
    expect(e.records.map((r) => r.record)).toEqual(['100', '200']);
    expect(e.records.map((r) => r.refBeats)).toEqual([2273, 2601]);
    expect(e.pooled.tp).toBe(e.records[0].tp + e.records[1].tp);
    expect(e.pooled.refBeats).toBe(2273 + 2601);
    expect(e.pooled.se).toBeGreaterThan(99.5);
    expect(e.pooled.ppv).toBeGreaterThan(99.5);
    expect(e.windowMs).toBe(150);
  });

  it('prints the per-record table and pooled figures', () => {
    const r = runCli(['rpeaks-eval', '--data-root', sample, '--records', '100', '--window-ms', '100']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/record\s+refBeats\s+TP\s+FP\s+FN\s+Se %\s+\+P %/);
    expect(r.stdout).toMatch(/^100\s+2273\s+/m);
    expect(r.stdout).toMatch(/match window 100 ms/);
    expect(r.stdout).toMatch(/pooled \(gross\) over 1 records: 2273 beats/);
  });

  it('refuses data sets without beat annotations and unknown records', () => {
    const ds = runCli(['rpeaks-eval', '--dataset', 'cinc2017', '--data-root', sample]);
    expect(ds.status).toBe(2);
    expect(ds.stderr).toMatch(/no beat annotations/);
    const rec = runCli(['rpeaks-eval', '--data-root', sample, '--records', '999']);
    expect(rec.status).toBe(2);
    expect(rec.stderr).toMatch(/999/);
    expect(runCli(['rpeaks-eval', '--data-root', sample, '--window-ms', '-5']).status).toBe(2);
  });

  const root = testDataRoot();
  describe.skipIf(!root || !existsSync(join(root, 'mitdb', '207.hea')))('on the full MIT-BIH database', () => {
    it('excludes the VF episodes of 207 and honours --start-seconds', () => {
      const e = json<RPeaksEvaluation>(['rpeaks-eval', '--data-root', root!, '--records', '105,207', '--json']);
      const r207 = e.records.find((r) => r.record === '207')!;
      expect(r207.vfSeconds).toBeGreaterThan(60);
      expect(r207.se).toBeGreaterThan(99);
      expect(r207.ppv).toBeGreaterThan(99);
      const late = json<RPeaksEvaluation>(['rpeaks-eval', '--data-root', root!, '--records', '105', '--start-seconds', '300', '--json']);
      expect(late.records[0].refBeats).toBeLessThan(e.records[0].refBeats);
      expect(late.startSeconds).toBe(300);
    });
  });
});
