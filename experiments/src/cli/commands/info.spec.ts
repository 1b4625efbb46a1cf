import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledSampleRoot, testDataRoot, workspaceRoot } from '@efficientecg/datasets';
import { runCli } from '../testing/run-cli';
import type { RecordInfo } from './info';

function infoJson(record: string): RecordInfo {
  const r = runCli(['info', record, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as RecordInfo;
}

describe('ecg info on the bundled sample', () => {
  const sample = bundledSampleRoot();

  it('describes MIT-BIH record 100: header, demographics, beats and checksums', () => {
    const info = infoJson(join(sample, 'mitdb', '100'));
    expect(info.fs).toBe(360);
    expect(info.nSamples).toBe(650000);
    expect(info.durationSeconds).toBeCloseTo(1805.56, 2);
    expect(info.signals.map((s) => s.name)).toEqual(['MLII', 'V5']);
    expect(info.signals.map((s) => s.gain)).toEqual([200, 200]);
    expect(info.signals[0].units).toBe('mV');
    expect([info.age, info.sex]).toEqual([69, 'M']);
    // PhysioNet's table for record 100: 2,239 N, 33 A, 1 V
    expect(info.beats).toMatchObject({ N: 2239, A: 33, V: 1 });
    expect(info.checksum).toBe('ok');
    expect(info.initialValues).toBe('ok');
  });

  it('names the same record by its .hea, .dat or bare path', () => {
    const base = infoJson(join(sample, 'mitdb', '200'));
    for (const ext of ['.hea', '.dat']) {
      expect(infoJson(join(sample, 'mitdb', '200') + ext)).toEqual(base);
    }
  });

  it('reads a CinC 2017 MAT v4 record and its REFERENCE.csv label', () => {
    const info = infoJson(join(sample, 'cinc2017', 'A00001.mat'));
    expect(info.fs).toBe(300);
    expect(info.nSamples).toBe(9000);
    expect(info.referenceLabel).toBe('N');
    // CinC 2017 headers store 0 as every checksum; the verdict says so rather than hiding it
    expect(info.checksum).toBe('mismatch');
    expect(info.checkNote).toMatch(/stores 0 for every checksum/);
  });

  it('reads age, sex and Dx codes of a CinC 2021 record', () => {
    const info = infoJson(join(sample, 'cinc2021_sample', 'E07500'));
    expect(info.signals).toHaveLength(12);
    expect([info.age, info.sex]).toEqual([78, 'M']);
    expect(info.labels).toEqual(['67741000119109', '426177001']);
  });

  it('prints a human-readable summary by default', () => {
    const r = runCli(['info', join(sample, 'mitdb', '100')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/sampling\s+360 Hz/);
    expect(r.stdout).toMatch(/MLII/);
    expect(r.stdout).toMatch(/checksum\s+ok/);
  });
});

describe('ecg info on an HMIC 8-lead record', () => {
  it('reads the record and its age, sex and labels from the label file beside it', () => {
    const dir = join(workspaceRoot(), 'libs', 'datasets', 'testdata', 'hmic');
    const info = infoJson(join(dir, 'E07500.txt'));
    expect(info.format).toBe('hmic-txt');
    expect(info.signals.map((s) => s.name)).toEqual(['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    expect([info.fs, info.nSamples]).toEqual([500, 5000]);
    expect([info.age, info.sex]).toEqual([78, 'M']);
    expect(info.labels.length).toBeGreaterThan(0);
  });
});

describe.skipIf(!testDataRoot())('ecg info on the shared data', () => {
  const root = testDataRoot()!;

  it('reads an original CPSC 2018 .mat file (no header beside it)', () => {
    const info = infoJson(join(root, 'cpsc2018_sample', 'A1980.mat'));
    expect(info.format).toBe('cpsc2018-mat');
    expect(info.fs).toBe(500);
    expect(info.signals).toHaveLength(12);
    expect(info.sex).not.toBeNull();
    expect(info.age).not.toBeNull();
  });

  it('reports PTB-XL age 300 as 90+/unknown', () => {
    const index = readFileSync(join(root, 'ptbxl_subset', 'index.csv'), 'utf8').split('\n');
    const row = index.find((l) => l.split(',')[3] === '300');
    expect(row).toBeDefined();
    const info = infoJson(join(root, 'ptbxl_subset', row!.split(',')[1]));
    expect(info.age).toBeNull();
    expect(info.ageStatus).toBe('90+/unknown');
  });
});

describe('ecg info on bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecg-info-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sample = join(bundledSampleRoot(), 'mitdb');

  it('reports a checksum mismatch, and exits 3 with --strict', () => {
    copyFileSync(join(sample, '100.hea'), join(dir, '100.hea'));
    const dat = readFileSync(join(sample, '100.dat'));
    dat[3000] ^= 0x55;
    writeFileSync(join(dir, '100.dat'), dat);
    const r = runCli(['info', join(dir, '100'), '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ checksum: 'mismatch', checkNote: null });
    expect(runCli(['info', join(dir, '100'), '--strict']).status).toBe(3);
    expect(runCli(['info', join(sample, '100'), '--strict']).status).toBe(0);
  });

  it('names the missing file and exits 2', () => {
    const r = runCli(['info', join(dir, 'nope')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(join(dir, 'nope'));
    expect(r.stderr).toMatch(/MISSING_FILE/);
  });
});
