import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledSampleRoot, isBeatSymbol, readWfdbAnnotations, readWfdbRecord } from '@efficientecg/datasets';
import { delineatePWaves } from '@efficientecg/signal';
import { runCli } from '../testing/run-cli';
import type { PWavesResult } from './pwaves';

const sample = bundledSampleRoot();

function json(args: string[]): PWavesResult {
  const r = runCli(args);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as PWavesResult;
}

describe('ecg pwaves (bundled MIT-BIH sample)', () => {
  it('--peaks reference --json: the same P waves as delineatePWaves on the .atr beats, counted per rhythm', () => {
    const path = join(sample, 'mitdb', '100');
    const out = json(['pwaves', path, '--peaks', 'reference', '--json']);
    const rec = readWfdbRecord(path, { channels: [0] });
    const peaks = readWfdbAnnotations(path).annotations.filter((a) => isBeatSymbol(a.symbol)).map((a) => a.sample);
    expect(out).toMatchObject({ fs: 360, lead: 0, leadName: 'MLII', peaks: 'reference', polarity: 'upright', beats: peaks.length });
    expect(out.pwaves).toEqual(JSON.parse(JSON.stringify(delineatePWaves(rec.signals[0], 360, peaks))));
    expect(out.rhythms!.N.beats).toBe(peaks.length);
    expect(out.withP / out.beats).toBeGreaterThan(0.95);
  });

  it('detects R peaks by default and prints a human summary with a rhythm table', () => {
    const r = runCli(['--data-root', sample, 'pwaves', '100']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/R peaks\s+detected \(22\d\d beats\)/);
    expect(r.stdout).toMatch(/P waves\s+22\d\d beats \(9\d\.\d %\)/);
    expect(r.stdout).toMatch(/rhythm\s+beats\s+with P\s+share/);
  });

  it('reports bad arguments with exit status 2', () => {
    const path = join(sample, 'mitdb', '100');
    const peaks = runCli(['pwaves', path, '--peaks', 'nope']);
    expect(peaks.status).toBe(2);
    expect(peaks.stderr).toMatch(/--peaks.*'detected' or 'reference'/);
    const polarity = runCli(['pwaves', path, '--polarity', 'sideways']);
    expect(polarity.status).toBe(2);
    expect(polarity.stderr).toMatch(/--polarity/);
    const lead = runCli(['pwaves', path, '--lead', '5']);
    expect(lead.status).toBe(2);
    expect(lead.stderr).toMatch(/2 leads/);
  });
});
