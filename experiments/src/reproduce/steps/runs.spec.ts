import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPredictions } from '../../results/predictions';
import { loadExperimentConfig, resolveRunConfig } from '../../config';
import { ablationTable, ensembleOptionsOf, headlineMetric, runConfigDrift } from './runs';

const tmp = mkdtempSync(join(tmpdir(), 'ecg-runs-step-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('headline metrics from predictions.csv', () => {
  it('CinC 2017: F1(N,A,O) from per-record probabilities', () => {
    const f = join(tmp, 'cinc.csv');
    writeFileSync(f, 'id,group,label,p_N,p_A,p_O,p_~\nr1,r1,N,0.9,0.05,0.03,0.02\nr2,r2,A,0.1,0.8,0.05,0.05\nr3,r3,O,0.6,0.1,0.2,0.1\nr4,r4,~,0.1,0.1,0.1,0.7\n');
    const p = readPredictions(f);
    expect(p.classNames).toEqual(['N', 'A', 'O', '~']);
    // N: TP 1, predicted 2 -> F1 2/3; A: 1; O: 0 -> mean (2/3 + 1 + 0) / 3
    expect(headlineMetric('cinc2017').of(p, [0, 1, 2, 3])).toBeCloseTo((2 / 3 + 1) / 3, 12);
  });
  it('PTB-XL Normal vs Abnormal: AUC of the Abnormal probability; superclasses: macro AUC', () => {
    const f = join(tmp, 'ptbxl.csv');
    writeFileSync(f, 'id,group,label,p_Normal,p_Abnormal\na,p1,Normal,0.8,0.2\nb,p2,Abnormal,0.3,0.7\nc,p3,Abnormal,0.6,0.4\nd,p4,Normal,0.5,0.5\n');
    // positives 0.7, 0.4 vs negatives 0.2, 0.5: 3 of 4 pairs ordered -> 0.75
    expect(headlineMetric('ptbxl-normal-abnormal').of(readPredictions(f), [0, 1, 2, 3])).toBeCloseTo(0.75, 12);
    const g = join(tmp, 'super.csv');
    writeFileSync(g, 'id,group,true_A,true_B,p_A,p_B\na,a,1,0,0.9,0.2\nb,b,0,1,0.1,0.8\nc,c,1,1,0.7,0.6\n');
    const q = readPredictions(g);
    expect(q.labels).toBeNull();
    expect(headlineMetric('ptbxl-superclasses').of(q, [0, 1, 2])).toBeCloseTo(1, 12);
  });
});

describe('ensembleOptionsOf', () => {
  it('folds: the patient-fold count of a cross-validation config and undefined elsewhere', () => {
    expect(ensembleOptionsOf('mitdb-inter-patient-cv5').folds).toBe(5);
    expect(ensembleOptionsOf('mitdb-inter-patient').folds).toBeUndefined();
    expect(ensembleOptionsOf('cinc2017').folds).toBeUndefined();
  });
});

describe('runConfigDrift', () => {
  it('is null for a run trained under the current config, and names the settings that changed otherwise', () => {
    const dir = join(tmp, 'drift-run');
    mkdirSync(dir, { recursive: true });
    const now = resolveRunConfig(loadExperimentConfig('ptbxl-normal-abnormal'), { variant: 'no-se', seed: 1, quick: false });
    // a run records more than the resolved config, and the worker count it ran with
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...now, training: { ...now.training, workers: 1 }, parameters: { total: 1 }, inputNames: ['x'] }));
    expect(runConfigDrift(dir)).toBeNull();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...now, training: { ...now.training, epochs: 3, balance: 'none' } }));
    expect(runConfigDrift(dir)).toBe(`training.balance "none" (config now "${now.training.balance}"), training.epochs 3 (config now ${now.training.epochs})`);
    // a field added to the schema after the run (absent there) counts as its default, not as drift
    const { rrFeatures, ...olderModel } = now.model;
    expect(rrFeatures).toBe(false);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...now, model: olderModel }));
    expect(runConfigDrift(dir)).toBeNull();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...now, model: { ...olderModel, se: !now.model.se } }));
    expect(runConfigDrift(dir)).toBe(`model.se ${!now.model.se} (config now ${now.model.se})`);
  });

  it('CinC 2017: a run from before data.splitSeed drew its split with its own seed; only a different split counts as drift', () => {
    const dir = join(tmp, 'drift-cinc');
    mkdirSync(dir, { recursive: true });
    const config = loadExperimentConfig('cinc2017');
    expect(config.data).toMatchObject({ dataset: 'cinc2017', splitSeed: 0 });
    const older = (seed: number) => {
      const now = resolveRunConfig(config, { variant: 'full', seed, quick: false });
      const { splitSeed, ...data } = now.data as typeof now.data & { splitSeed?: number };
      expect(splitSeed).toBe(0);
      return { ...now, data };
    };
    writeFileSync(join(dir, 'config.json'), JSON.stringify(older(0)));
    expect(runConfigDrift(dir)).toBeNull();
    writeFileSync(join(dir, 'config.json'), JSON.stringify(older(1)));
    expect(runConfigDrift(dir)).toBe('data.splitSeed 1 (config now 0)');
  });
});

describe('ablationTable', () => {
  it('per variant: AUC per seed and mean, the paired difference to the full model, where the runs came from', () => {
    const archive = join(tmp, 'ablation-archive');
    const write = (variant: string, seed: number, csv: string) => {
      const dir = join(archive, 'ptbxl-normal-abnormal', variant, `seed-${seed}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'config.json'), JSON.stringify(resolveRunConfig(loadExperimentConfig('ptbxl-normal-abnormal'), { variant, seed, quick: false })));
      writeFileSync(join(dir, 'predictions.csv'), csv);
      return dir;
    };
    const head = 'id,group,label,p_Normal,p_Abnormal\n';
    // full orders all 4 pairs right (AUC 1); no-se 3 of 4 (0.75)
    const full = write('full', 0, head + 'a,p1,Normal,0.8,0.2\nb,p2,Abnormal,0.3,0.7\nc,p3,Abnormal,0.4,0.6\nd,p4,Normal,0.5,0.5\n');
    const noSe = write('no-se', 0, head + 'a,p1,Normal,0.8,0.2\nb,p2,Abnormal,0.3,0.7\nc,p3,Abnormal,0.6,0.4\nd,p4,Normal,0.5,0.5\n');
    const t = ablationTable('ptbxl-normal-abnormal', new Map([['full', new Map([[0, full]])], ['no-se', new Map([[0, noSe]])]]), { archiveRoot: archive });
    expect(t.id).toBe('runs-ptbxl-normal-abnormal');
    expect(t.columns.slice(3)).toEqual([
      'mean AUC',
      'AUC per seed',
      'AUC vs full, mean over seeds [95 % CI]',
      'AUC vs full per seed',
      'mean F1(Abnormal)',
      'F1(Abnormal) per seed',
      'F1(Abnormal) vs full, mean over seeds [95 % CI]',
      'F1(Abnormal) vs full per seed',
      'mean validation loss',
      'validation loss per seed',
      'validation AUC, seeds pooled',
      'from',
    ]);
    // argmax: full predicts b, c Abnormal (F1 1); no-se predicts only b (TP 1, FN 1: F1 2/3)
    // no history.json: the validation value is shown as not recorded
    expect(t.rows[0]).toEqual(['full', 1, '0', 1, '1.000', null, null, 1, '1.000', null, null, null, '-', null, 'archive']);
    // one seed: no mean over seeds
    expect(t.rows[1].slice(0, 6)).toEqual(['no-se', 1, '0', 0.75, '0.750', null]);
    expect(String(t.rows[1][6])).toMatch(/^-0\.250 \[/);
    expect(t.rows[1].slice(7, 10)).toEqual([0.667, '0.667', null]);
    expect(String(t.rows[1][10])).toMatch(/^-0\.333 \[/);
    expect(t.rows[1][14]).toBe('archive');
    // a second seed: the mean over seeds appears, the average of the two per-seed differences
    const full1 = write('full', 1, head + 'a,p1,Normal,0.8,0.2\nb,p2,Abnormal,0.3,0.7\n');
    const noSe1 = write('no-se', 1, head + 'a,p1,Normal,0.8,0.2\nb,p2,Abnormal,0.3,0.7\n');
    const two = ablationTable('ptbxl-normal-abnormal', new Map([['full', new Map([[0, full], [1, full1]])], ['no-se', new Map([[0, noSe], [1, noSe1]])]]), { archiveRoot: archive });
    expect(String(two.rows[1][5])).toMatch(/^-0\.125 \[/);
    expect(String(two.rows[1][6])).toMatch(/^-0\.250 \[.*\]; \+0\.000 \[/);
    // the validation loss of the epoch each run kept (history.json best), and its mean over seeds
    writeFileSync(join(full, 'history.json'), JSON.stringify({ best: { epoch: 3, value: 0.41 }, epochs: [] }));
    writeFileSync(join(full1, 'history.json'), JSON.stringify({ best: { epoch: 5, value: 0.3 }, epochs: [] }));
    const withHistory = ablationTable('ptbxl-normal-abnormal', new Map([['full', new Map([[0, full], [1, full1]])]]), { archiveRoot: archive });
    expect(withHistory.rows[0].slice(11, 14)).toEqual([0.355, '0.410 0.300', null]);
    // validation predictions of both seeds: the headline metric of the two pooled (seed 0 alone
    // orders its one pair right, seed 1 alone its one pair wrong; pooled, Abnormal 0.6 and 0.1
    // against Normal 0.3 and 0.8 order 1 of 4 pairs right)
    writeFileSync(join(full, 'validation-predictions.csv'), head + 'v1,q1,Normal,0.7,0.3\nv2,q2,Abnormal,0.4,0.6\n');
    writeFileSync(join(full1, 'validation-predictions.csv'), head + 'w1,q3,Normal,0.2,0.8\nw2,q4,Abnormal,0.9,0.1\n');
    const pooled = ablationTable('ptbxl-normal-abnormal', new Map([['full', new Map([[0, full], [1, full1]])]]), { archiveRoot: archive });
    expect(pooled.rows[0][13]).toBe(0.25);
    // one seed without them: not pooled
    const partial = ablationTable('ptbxl-normal-abnormal', new Map([['full', new Map([[0, full], [1, full1], [2, write('full', 2, head + 'a,p1,Normal,0.8,0.2\nb,p2,Abnormal,0.3,0.7\n')]])]]), { archiveRoot: archive });
    expect(partial.rows[0][13]).toBeNull();
    expect(withHistory.notes.some((n) => n.startsWith('Validation loss: '))).toBe(true);
    expect(t.notes.some((n) => /trained with/.test(n))).toBe(false);
  });
});
