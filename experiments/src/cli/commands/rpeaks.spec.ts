import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledSampleRoot, readWfdbRecord } from '@efficientecg/datasets';
import { detectRPeaks } from '@efficientecg/signal';
import { runCli } from '../testing/run-cli';
import type { RPeaksResult } from './rpeaks';

const sample = bundledSampleRoot();

function json<T>(args: string[]): T {
  const r = runCli(args);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as T;
}

describe('ecg rpeaks (bundled MIT-BIH sample)', () => {
  it('prints {fs, method, peaks} as JSON, the same peaks as detectRPeaks', () => {
    const out = json<RPeaksResult>(['rpeaks', join(sample, 'mitdb', '100'), '--json']);
    expect(out.fs).toBe(360);
    expect(out.method).toBe('pan-tompkins');
    expect(out.leadName).toBe('MLII');
    const rec = readWfdbRecord(join(sample, 'mitdb', '100'), { channels: [0] });
    expect(out.peaks).toEqual(Array.from(detectRPeaks(rec.signals[0], 360)));
    expect(out.peaks.length).toBeGreaterThan(2260); // 2273 beats annotated
    expect(out.peaks.length).toBeLessThan(2280);
  });

  it('takes --lead, --method and a bare record name resolved in the data root', () => {
    const out = json<RPeaksResult>(['--data-root', sample, 'rpeaks', '200', '--lead', '1', '--method', 'hamilton', '--json']);
    expect(out).toMatchObject({ lead: 1, leadName: 'V1', method: 'hamilton', fs: 360 });
    expect(out.peaks.length).toBeGreaterThan(2500); // 2601 beats annotated
  });

  it('prints a human summary by default', () => {
    const r = runCli(['rpeaks', join(sample, 'mitdb', '100')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/method\s+pan-tompkins/);
    expect(r.stdout).toMatch(/peaks\s+22\d\d \(mean rate 7\d\.\d bpm\)/);
  });

  it('reports bad arguments as errors with exit status 2', () => {
    const unknown = runCli(['rpeaks', join(sample, 'mitdb', '100'), '--method', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown detector 'nope'; known: pan-tompkins, hamilton/);
    const lead = runCli(['rpeaks', join(sample, 'mitdb', '100'), '--lead', '7']);
    expect(lead.status).toBe(2);
    expect(lead.stderr).toMatch(/2 leads/);
    const missing = runCli(['rpeaks', join(sample, 'mitdb', 'nope')]);
    expect(missing.status).toBe(2);
  });
});
