import { describe, expect, it } from 'vitest';
import { bundledSampleRoot } from '@efficientecg/datasets';
import { loadExperimentConfig, parseExperimentConfig, resolveRunConfig, type ExperimentConfig } from '../config';
import { prepareExperimentData } from './prepare-data';

// the bundled sample's 25 CinC 2017 records: a 20 % test split of about 5
const testIds = (config: ExperimentConfig, seed: number): string[] => {
  const run = resolveRunConfig(config, { variant: 'full', seed, quick: false });
  const data = prepareExperimentData(run, bundledSampleRoot(), () => {}, { only: 'test' });
  expect(data.test.size).toBeGreaterThan(0);
  return data.split.test as string[];
};

describe('CinC 2017 split seed (data.splitSeed)', () => {
  const base = loadExperimentConfig('cinc2017');
  const withSplitSeed = (splitSeed: number | undefined): ExperimentConfig => {
    const raw = JSON.parse(JSON.stringify(base));
    if (splitSeed === undefined) delete raw.data.splitSeed;
    else raw.data.splitSeed = splitSeed;
    return parseExperimentConfig(raw, 'cinc2017.json');
  };

  it('fixed: every run seed draws the same test records, those of a run seed equal to the split seed', () => {
    const fixed = withSplitSeed(0);
    const t0 = testIds(fixed, 0);
    expect(testIds(fixed, 1)).toEqual(t0);
    expect(testIds(fixed, 2)).toEqual(t0);
    expect(testIds(withSplitSeed(undefined), 0)).toEqual(t0);
  });

  it('absent: each run seed is a new split (seeds 0-3 do not all share one test set)', () => {
    const free = withSplitSeed(undefined);
    const sets = [0, 1, 2, 3].map((s) => testIds(free, s).join(','));
    expect(new Set(sets).size).toBeGreaterThan(1);
  });

  it('must be a non-negative integer', () => {
    const raw = JSON.parse(JSON.stringify(base));
    raw.data.splitSeed = -1;
    expect(() => parseExperimentConfig(raw, 'c.json')).toThrow(/c.json: BAD_CONFIG: .*splitSeed/s);
  });
});

describe('MIT-BIH with patient folds (mitdb-inter-patient-cv5)', () => {
  it('builds the DS2 test split for evaluation on the bundled sample, which holds no DS1 patient to deal into folds', () => {
    const run = resolveRunConfig(loadExperimentConfig('mitdb-inter-patient-cv5'), { variant: 'rr-template', seed: 3, quick: false });
    expect(() => prepareExperimentData(run, bundledSampleRoot(), () => {})).toThrow(/cannot deal 0 DS1 patients into 5 folds/);
    const data = prepareExperimentData(run, bundledSampleRoot(), () => {}, { only: 'test' });
    expect(data.split.test).toEqual(['100', '200']);
    expect(data.test.size).toBeGreaterThan(4000);
  }, 300_000);
});

