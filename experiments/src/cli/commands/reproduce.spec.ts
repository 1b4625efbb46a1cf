import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledSampleRoot, testDataRoot } from '@efficientecg/datasets';
import { runCli } from '../testing/run-cli';
import type { ReproduceSummary } from '../../reproduce';

const tmp = mkdtempSync(join(tmpdir(), 'ecg-reproduce-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const csv = (file: string) => Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;

describe('ecg reproduce', () => {
  it('on the bundled sample: writes every table as CSV and Markdown plus an index, and says what is missing', () => {
    const out = join(tmp, 'sample');
    const r = runCli(['--data-root', bundledSampleRoot(), 'reproduce', '--out', out, '--json']);
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as ReproduceSummary;
    const ids = summary.steps.flatMap((s) => s.tables.map((t) => t.id));
    expect(ids).toEqual(expect.arrayContaining(['mitdb-aami-class-distribution', 'cinc2017-rhythm-class-distribution', 'ptbxl-normal-abnormal-class-distribution', 'ptbxl-superclasses-class-distribution', 'cinc2021-dx-class-distribution', 'demographics', 'age-sex-distribution']));
    for (const id of ids) for (const ext of ['csv', 'md']) expect(existsSync(join(out, `${id}.${ext}`))).toBe(true);
    expect(summary.steps[0].notes.join(' ')).toMatch(/42 of 44 protocol records absent/);
    const ptbxl = csv(join(out, 'ptbxl-normal-abnormal-class-distribution.csv'));
    expect(ptbxl.reduce((n, row) => n + Number(row.Normal) + Number(row.Abnormal), 0)).toBe(40);
    const cinc = csv(join(out, 'cinc2017-rhythm-class-distribution.csv'));
    expect(cinc.map((row) => [row.split, row.records])).toEqual([['train', '16'], ['validation', '4'], ['test', '4']]);
    const mitdb = csv(join(out, 'mitdb-aami-class-distribution.csv'));
    expect(mitdb[2]).toMatchObject({ split: 'test', records: '2', V: '827' });
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('### PhysioNet/CinC Challenge 2017: Rhythm classes');
  }, 300_000); // as runCli's own limit: it took 126 s with a training run sharing the 2 cores
  it('rejects an unknown step and a bad seed with exit code 2', () => {
    const r = runCli(['reproduce', 'no-such-step', '--out', join(tmp, 'x')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/"no-such-step" is neither a step \(datasets, .*\) nor an experiment \(.*cinc2017/);
    expect(runCli(['reproduce', '--seed', 'abc', '--out', join(tmp, 'x')]).status).toBe(2);
  });
  it('--full refuses to train on the bundled sample without --quick, and --quick needs --full', () => {
    const full = runCli(['--data-root', bundledSampleRoot(), 'reproduce', 'runs', 'cinc2017', '--full', '--runs-dir', join(tmp, 'full-runs'), '--out', join(tmp, 'y')]);
    expect(full.status).toBe(2);
    expect(full.stderr).toMatch(/--full: BAD_ARGUMENT: the bundled sample holds a few records per data set, too few to train on/);
    expect(existsSync(join(tmp, 'full-runs', 'cinc2017'))).toBe(false);
    const quick = runCli(['reproduce', 'runs', '--quick', '--out', join(tmp, 'y')]);
    expect(quick.status).toBe(2);
    expect(quick.stderr).toMatch(/--quick.*only goes with --full/);
  });
});

describe.skipIf(!testDataRoot())('ecg reproduce on the shared data', () => {
  it('MIT-BIH DS2 holds 49,712 AAMI beats and the CinC 2017 split covers 3,413 records', () => {
    const out = join(tmp, 'full');
    const r = runCli(['--data-root', testDataRoot()!, 'reproduce', 'datasets', '--out', out]);
    expect(r.status).toBe(0);
    const mitdb = csv(join(out, 'mitdb-aami-class-distribution.csv'));
    expect(mitdb.map((row) => Number(row.beats))).toEqual([41361, 9660, 49712]);
    const cinc = csv(join(out, 'cinc2017-rhythm-class-distribution.csv'));
    expect(cinc.reduce((s, row) => s + Number(row.records), 0)).toBe(3413);
    const demo = csv(join(out, 'demographics.csv'));
    expect(demo[0]).toMatchObject({ 'data set': 'MIT-BIH Arrhythmia Database', records: '48', male: '26', female: '22' });
    expect(demo[1]).toMatchObject({ records: '999', male: '472', female: '527', 'age 90+/unknown or missing': '17' });
    const sup = csv(join(out, 'ptbxl-superclasses-class-distribution.csv'));
    expect(sup.map((row) => Number(row.records))).toEqual([432, 93, 82]);
    expect(sup.reduce((n, row) => n + Number(row.NORM), 0)).toBe(321);
  });
});
