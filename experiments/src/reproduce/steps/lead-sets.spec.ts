import { describe, expect, it } from 'vitest';
import type { RunPredictions } from '../../results/predictions';
import { normalAbnormalPredictions } from './predictions-fixture';
import { leadSetTable } from './lead-sets';

const run = normalAbnormalPredictions;

describe('leadSetTable', () => {
  const perfect = [0.1, 0.9, 0.8, 0.2]; // AUC 1
  const oneSwap = [0.1, 0.9, 0.4, 0.5]; // c below d: AUC 0.75
  const runs = new Map<string, RunPredictions>([
    ['12/full/0', run(perfect)],
    ['12/full/1', run(perfect)],
    ['8/full/0', run(oneSwap)],
    ['8/full/1', run(perfect)],
    ['12/no-se/0', run(perfect)],
    ['8/no-se/0', run(perfect, ['a', 'b', 'c', 'x'])],
    ['8/no-fusion/0', run(perfect)],
  ]);
  const seeds = (prefix: string, list: number[]) => new Map(list.map((s) => [s, `${prefix}/${s}`]));
  const twelve = new Map([
    ['full', seeds('12/full', [0, 1])],
    ['no-se', seeds('12/no-se', [0])],
  ]);
  const eight = new Map([
    ['full', seeds('8/full', [0, 1, 2])],
    ['no-se', seeds('8/no-se', [0])],
    ['no-fusion', seeds('8/no-fusion', [0])],
  ]);

  it('pairs the seeds both lead sets share on one test set and reports 8 minus 12 leads', () => {
    const t = leadSetTable('ptbxl-normal-abnormal', twelve, eight, (dir) => runs.get(dir)!)!;
    expect(t.id).toBe('runs-ptbxl-normal-abnormal-lead-sets');
    expect(t.columns.slice(0, 7)).toEqual(['variant', 'seeds', 'seed list', 'mean AUC, 12 leads', 'mean AUC, 8 leads', 'AUC, 8 vs 12 leads, mean over seeds [95 % CI]', 'AUC per seed (12 / 8)']);
    // no-se's 8-lead run tested patient x, not in the 12-lead test set; no-fusion has no 12-lead run; seed 2 has no 12-lead twin
    expect(t.rows.map((r) => r[0])).toEqual(['full']);
    const [row] = t.rows;
    expect(row.slice(1, 3)).toEqual([2, '0 1']);
    expect(row[3]).toBe(1);
    expect(row[4]).toBe(0.875);
    // (0.75 - 1 + 1 - 1) / 2
    expect(String(row[5])).toMatch(/^-0\.125 \[/);
    expect(row[6]).toBe('1.000 / 0.750; 1.000 / 1.000');
  });

  it('is null when no variant has runs on both lead sets', () => {
    expect(leadSetTable('ptbxl-normal-abnormal', new Map([['no-se', seeds('12/no-se', [0])]]), new Map([['no-fusion', seeds('8/no-fusion', [0])]]), (dir) => runs.get(dir)!)).toBeNull();
  });
});
