import { describe, expect, it } from 'vitest';
import type { RunPredictions } from '../../results/predictions';
import { normalAbnormalPredictions } from './predictions-fixture';
import { ensembleTable } from './ensembles';
import { ensembleOptionsOf } from './runs';

const run = normalAbnormalPredictions;

describe('ensembleTable', () => {
  // full seed 0 misorders c below d, seed 1 misorders b below a; averaged they order all four
  const runs = new Map<string, RunPredictions>([
    ['full/0', run([0.2, 0.7, 0.4, 0.5])],
    ['full/1', run([0.6, 0.5, 0.9, 0.1])],
    ['no-se/0', run([0.2, 0.7, 0.4, 0.5])],
    ['no-se/1', run([0.2, 0.7, 0.4, 0.5])],
    ['no-fusion/0', run([0.2, 0.7, 0.4, 0.5])],
    ['no-lstm-ae/0', run([0.2, 0.7, 0.4, 0.5])],
    ['no-lstm-ae/1', run([0.2, 0.7, 0.4, 0.5], ['a', 'b', 'c', 'x'])],
  ]);
  const seeds = (variant: string, list: number[]) => new Map(list.map((s) => [s, `${variant}/${s}`]));
  const variants = new Map([
    ['full', seeds('full', [0, 1])],
    ['no-se', seeds('no-se', [0, 1])],
    ['no-fusion', seeds('no-fusion', [0])],
    ['no-lstm-ae', seeds('no-lstm-ae', [0, 1])],
  ]);

  it('one row per variant whose 2+ seeds share a test set: the ensemble, the single-seed mean, and the difference to the full ensemble', () => {
    const t = ensembleTable('ptbxl-normal-abnormal', variants, (dir) => runs.get(dir)!)!;
    expect(t.id).toBe('runs-ptbxl-normal-abnormal-ensembles');
    expect(t.columns).toEqual([
      'variant',
      'seeds',
      'seed list',
      'ensemble AUC [95 % CI]',
      'mean AUC of the single seeds',
      'ensemble AUC vs full ensemble [95 % CI]',
      'ensemble F1(Abnormal) [95 % CI]',
      'mean F1(Abnormal) of the single seeds',
      'ensemble F1(Abnormal) vs full ensemble [95 % CI]',
      'ensemble validation AUC',
    ]);
    // no-fusion has one seed, no-lstm-ae's seeds predicted different examples: no rows
    expect(t.rows.map((r) => r[0])).toEqual(['full', 'no-se']);
    // full: ensemble [0.4, 0.6, 0.65, 0.3] orders all pairs (AUC 1); each seed alone 3 of 4 (0.75)
    expect(String(t.rows[0][3])).toMatch(/^1\.000 \[/);
    expect(t.rows[0][4]).toBe(0.75);
    expect(t.rows[0][5]).toBeNull();
    // no-se: both seeds identical, so the ensemble is the single model (0.75), 0.25 below full's ensemble
    expect(String(t.rows[1][3])).toMatch(/^0\.750 \[/);
    expect(String(t.rows[1][5])).toMatch(/^-0\.250 \[/);
  });

  it('scores the ensemble on the validation split where the seeds share one, blank where they do not', () => {
    // full: the same four-patient predictions serve as validation; no-se: seed 1's validation patients differ (folds)
    const validation = new Map<string, RunPredictions | null>([
      ['full/0', runs.get('full/0')!],
      ['full/1', runs.get('full/1')!],
      ['no-se/0', run([0.2, 0.7, 0.4, 0.5])],
      ['no-se/1', run([0.2, 0.7, 0.4, 0.5], ['e', 'f', 'g', 'h'])],
    ]);
    const t = ensembleTable('ptbxl-normal-abnormal', variants, (dir) => runs.get(dir)!, (dir) => validation.get(dir) ?? null)!;
    const col = t.columns.indexOf('ensemble validation AUC');
    // full's averaged probabilities order all four patients (AUC 1), though neither seed does
    expect(t.rows[0][col]).toBe(1);
    expect(t.rows[1][col]).toBeNull();
    // without validation predictions the column stays blank
    const none = ensembleTable('ptbxl-normal-abnormal', variants, (dir) => runs.get(dir)!)!;
    expect(none.rows.every((r) => r[col] === null)).toBe(true);
  });

  it('cross-validation configs: only variants with every fold finished, each ensemble exactly the fold models', () => {
    const withExtra = new Map(runs).set('no-se/5', run([0.9, 0.1, 0.9, 0.1]));
    const cv = new Map([
      ['full', seeds('full', [0, 1])],
      ['no-se', seeds('no-se', [0, 1, 5])],
      ['no-fusion', seeds('no-fusion', [0])],
    ]);
    const t = ensembleTable('ptbxl-normal-abnormal', cv, (dir) => withExtra.get(dir)!, () => null, { folds: 2 })!;
    // no-fusion has fold 1 still to train: no row, no test score; no-se's seed 5 is not one of the folds
    expect(t.rows.map((r) => [r[0], r[2]])).toEqual([['full', '0 1'], ['no-se', '0 1']]);
    expect(t.notes.join(' ')).toMatch(/Cross-validation config \(2 validation folds\)/);
    // without folds the same runs give no-se's ensemble of all three seeds
    expect(ensembleTable('ptbxl-normal-abnormal', cv, (dir) => withExtra.get(dir)!)!.rows.find((r) => r[0] === 'no-se')![2]).toBe('0 1 5');
    expect(ensembleTable('ptbxl-normal-abnormal', cv, (dir) => withExtra.get(dir)!, () => null, { folds: 3 })).toBeNull();
  });

  it('a selection fixed in advance: no candidate is shown until every candidate has every fold', () => {
    const cv = new Map([
      ['full', seeds('full', [0, 1])],
      ['no-se', seeds('no-se', [0, 1])],
      ['no-fusion', seeds('no-fusion', [0])],
    ]);
    const read = (dir: string) => runs.get(dir)!;
    const rule = 'the highest pooled out-of-fold validation score';
    // full and no-fusion are the candidates; no-fusion's fold 1 is still training, so full is held back too
    const held = ensembleTable('ptbxl-normal-abnormal', cv, read, () => null, { folds: 2, selection: { variants: ['full', 'no-fusion'], rule } })!;
    expect(held.rows.map((r) => r[0])).toEqual(['no-se']);
    expect(held.notes.join(' ')).toContain(`Selection fixed before the runs finished: ${rule}. Its candidates (full, no-fusion) appear here together`);
    // with only full and no-se as candidates, both complete: both shown
    const shown = ensembleTable('ptbxl-normal-abnormal', cv, read, () => null, { folds: 2, selection: { variants: ['full', 'no-se'], rule } })!;
    expect(shown.rows.map((r) => r[0])).toEqual(['full', 'no-se']);
    // nothing else to show: no table at all
    expect(ensembleTable('ptbxl-normal-abnormal', new Map([['full', seeds('full', [0, 1])], ['no-fusion', seeds('no-fusion', [0])]]), read, () => null, { folds: 2, selection: { variants: ['full', 'no-fusion'], rule } })).toBeNull();
  });

  it('the cv5 config fixes its choice between full, rr-template and rr-features', () => {
    expect(ensembleOptionsOf('mitdb-inter-patient-cv5').selection?.variants).toEqual(['full', 'rr-template', 'rr-features']);
    expect(ensembleOptionsOf('mitdb-inter-patient').selection).toBeUndefined();
  });

  it('is null when no variant has an ensemble (one seed each, or seeded test sets)', () => {
    expect(ensembleTable('ptbxl-normal-abnormal', new Map([['full', seeds('full', [0])]]), (dir) => runs.get(dir)!)).toBeNull();
    expect(ensembleTable('ptbxl-normal-abnormal', new Map([['no-lstm-ae', seeds('no-lstm-ae', [0, 1])]]), (dir) => runs.get(dir)!)).toBeNull();
  });
});
