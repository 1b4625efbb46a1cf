import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finishedRuns, predictionsFileOf } from './finished';

const tmp = mkdtempSync(join(tmpdir(), 'ecg-finished-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const touch = (root: string, p: string) => {
  mkdirSync(join(root, p, '..'), { recursive: true });
  writeFileSync(join(root, p), 'x');
};

describe('finishedRuns', () => {
  it("finds finished runs of the configs' variants only: log files, `_` folders, quick runs, renamed folders and unfinished runs are skipped", () => {
    const root = join(tmp, 'runs-a');
    touch(root, 'cinc2017/full/seed-0/predictions.csv');
    touch(root, 'cinc2017/full/seed-1/config.json'); // still training
    touch(root, 'cinc2017/full-quick/seed-0/predictions.csv');
    touch(root, 'cinc2017/_lstm-ae/seed-0/predictions.csv');
    touch(root, 'cinc2017/notes.txt');
    touch(root, 'cinc2017/full-old/seed-0/predictions.csv'); // a renamed folder, not a variant of the config
    touch(root, 'unknown-experiment/full/seed-0/predictions.csv');
    touch(root, 'logs/cinc2017-full-0.log');
    touch(root, '_set-aside/cinc2017/full/seed-0/predictions.csv');
    const runs = finishedRuns(root);
    expect([...runs.keys()]).toEqual(['cinc2017']);
    expect([...runs.get('cinc2017')!.keys()]).toEqual(['full']);
    expect([...runs.get('cinc2017')!.get('full')!.entries()]).toEqual([[0, join(root, 'cinc2017/full/seed-0')]]);
  });
  it('an earlier root hides the same run in a later one (runs/ before the archive); seeds merge in ascending order', () => {
    const runs = join(tmp, 'runs-b');
    const archive = join(tmp, 'archive-b');
    touch(runs, 'ptbxl-normal-abnormal/full/seed-2/predictions.csv');
    touch(runs, 'ptbxl-normal-abnormal/full/seed-0/predictions.csv');
    touch(archive, 'ptbxl-normal-abnormal/full/seed-0/predictions.csv.gz');
    touch(archive, 'ptbxl-normal-abnormal/full/seed-1/predictions.csv.gz');
    touch(archive, 'ptbxl-normal-abnormal/no-se/seed-0/predictions.csv');
    const found = finishedRuns([runs, archive]).get('ptbxl-normal-abnormal')!;
    expect([...found.get('full')!.entries()]).toEqual([
      [0, join(runs, 'ptbxl-normal-abnormal/full/seed-0')],
      [1, join(archive, 'ptbxl-normal-abnormal/full/seed-1')],
      [2, join(runs, 'ptbxl-normal-abnormal/full/seed-2')],
    ]);
    expect([...found.get('no-se')!.keys()]).toEqual([0]);
    expect(predictionsFileOf(join(archive, 'ptbxl-normal-abnormal/full/seed-1'))).toBe(join(archive, 'ptbxl-normal-abnormal/full/seed-1/predictions.csv.gz'));
    expect(predictionsFileOf(join(archive, 'nothing-here'))).toBeNull();
  });
  it('a missing root is no runs, not an error', () => {
    expect(finishedRuns([join(tmp, 'does-not-exist')]).size).toBe(0);
  });
});
