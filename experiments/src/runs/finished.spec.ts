import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadExperimentConfig } from '../config';
import { finishedRuns, isFinishedRun, predictionsFileOf } from './finished';

const tmp = mkdtempSync(join(tmpdir(), 'ecg-finished-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const touch = (root: string, p: string) => {
  mkdirSync(join(root, p, '..'), { recursive: true });
  writeFileSync(join(root, p), 'x');
};
/** A run folder as training leaves it at the end: config, history, metrics and predictions. */
const run = (root: string, p: string) => {
  const predictions = p.endsWith('.gz') ? 'predictions.csv.gz' : 'predictions.csv';
  const dir = p.replace(/\/predictions\.csv(\.gz)?$/, '');
  for (const f of ['config.json', 'history.json', 'metrics.json', predictions]) touch(root, `${dir}/${f}`);
};

describe('finishedRuns', () => {
  it("finds finished runs of the configs' variants only: log files, `_` folders, quick runs, renamed folders and unfinished runs are skipped", () => {
    const root = join(tmp, 'runs-a');
    run(root, 'cinc2017/full/seed-0/predictions.csv');
    touch(root, 'cinc2017/full/seed-1/config.json'); // still training
    touch(root, 'cinc2017/full/seed-2/predictions.csv'); // killed while writing its results: no metrics.json
    run(root, 'cinc2017/full-quick/seed-0/predictions.csv');
    run(root, 'cinc2017/_lstm-ae/seed-0/predictions.csv');
    touch(root, 'cinc2017/notes.txt');
    run(root, 'cinc2017/full-old/seed-0/predictions.csv'); // a renamed folder, not a variant of the config
    run(root, 'unknown-experiment/full/seed-0/predictions.csv');
    touch(root, 'logs/cinc2017-full-0.log');
    run(root, '_set-aside/cinc2017/full/seed-0/predictions.csv');
    const runs = finishedRuns(root);
    expect([...runs.keys()]).toEqual(['cinc2017']);
    expect([...runs.get('cinc2017')!.keys()]).toEqual(['full']);
    expect([...runs.get('cinc2017')!.get('full')!.entries()]).toEqual([[0, join(root, 'cinc2017/full/seed-0')]]);
  });
  it('an earlier root hides the same run in a later one (runs/ before the archive); seeds merge in ascending order', () => {
    const runs = join(tmp, 'runs-b');
    const archive = join(tmp, 'archive-b');
    run(runs, 'ptbxl-normal-abnormal/full/seed-2/predictions.csv');
    run(runs, 'ptbxl-normal-abnormal/full/seed-0/predictions.csv');
    run(archive, 'ptbxl-normal-abnormal/full/seed-0/predictions.csv.gz');
    run(archive, 'ptbxl-normal-abnormal/full/seed-1/predictions.csv.gz');
    run(archive, 'ptbxl-normal-abnormal/no-se/seed-0/predictions.csv');
    const found = finishedRuns([runs, archive]).get('ptbxl-normal-abnormal')!;
    expect([...found.get('full')!.entries()]).toEqual([
      [0, join(runs, 'ptbxl-normal-abnormal/full/seed-0')],
      [1, join(archive, 'ptbxl-normal-abnormal/full/seed-1')],
      [2, join(runs, 'ptbxl-normal-abnormal/full/seed-2')],
    ]);
    expect([...found.get('no-se')!.keys()]).toEqual([0]);
    // a variant found only in runs/ still comes after full: the config's order, not the roots'
    run(runs, 'ptbxl-normal-abnormal/no-lstm-ae/seed-0/predictions.csv');
    run(archive, 'ptbxl-normal-abnormal/no-fusion/seed-0/predictions.csv');
    const order = Object.keys(loadExperimentConfig('ptbxl-normal-abnormal').variants);
    const variants = [...finishedRuns([runs, archive]).get('ptbxl-normal-abnormal')!.keys()];
    expect(variants[0]).toBe('full');
    expect(variants).toEqual(order.filter((v) => variants.includes(v)));
    expect(variants).toEqual(['full', 'no-fusion', 'no-lstm-ae', 'no-se']);
    expect(predictionsFileOf(join(archive, 'ptbxl-normal-abnormal/full/seed-1'))).toBe(join(archive, 'ptbxl-normal-abnormal/full/seed-1/predictions.csv.gz'));
    expect(predictionsFileOf(join(archive, 'nothing-here'))).toBeNull();
  });
  it('isFinishedRun needs config, history, metrics and predictions (plain or gzipped)', () => {
    const root = join(tmp, 'runs-c');
    run(root, 'x/seed-0/predictions.csv.gz');
    expect(isFinishedRun(join(root, 'x/seed-0'))).toBe(true);
    for (const f of ['config.json', 'history.json', 'metrics.json', 'predictions.csv.gz']) {
      const r = join(tmp, `runs-c-${f}`);
      run(r, 'x/seed-0/predictions.csv.gz');
      rmSync(join(r, 'x/seed-0', f));
      expect(isFinishedRun(join(r, 'x/seed-0'))).toBe(false);
    }
  });
  it('a missing root is no runs, not an error', () => {
    expect(finishedRuns([join(tmp, 'does-not-exist')]).size).toBe(0);
  });
});
