import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isEcgDataError } from '@efficientecg/datasets';
import { configDifferences, formatConfigDifferences } from './differences';
import { listExperimentNames, loadExperimentConfig, parseExperimentConfig, resolveRunConfig } from './load';
import { modelNames, rPeakMethodSchema } from './schema';
import { rPeakDetectors } from '@efficientecg/signal';

describe('committed experiment configs', () => {
  const names = listExperimentNames();
  it('one per paper table or ablation, each valid under the schema', () => {
    expect(names).toEqual(expect.arrayContaining(['mitdb-inter-patient', 'cinc2017', 'ptbxl-normal-abnormal', 'ptbxl-superclasses']));
    for (const n of names) expect(loadExperimentConfig(n).name).toBe(n);
  });
  it('every experiment has the baselines as variants, which use neither the LSTM-AE nor fusion', () => {
    const baselines = modelNames.filter((m) => m !== 'efficientecg');
    expect(baselines.length).toBeGreaterThanOrEqual(4);
    for (const n of names) {
      const config = loadExperimentConfig(n);
      for (const b of baselines) {
        expect(config.variants[b], `${n} lacks the ${b} variant`).toBeDefined();
        expect(resolveRunConfig(config, { variant: b, seed: 0, quick: false }).model, `${n}/${b}`).toMatchObject({ name: b, lstmAE: false, fusion: false });
      }
    }
  });
  it('fusion ablations exist where age and sex exist, not on CinC 2017', () => {
    expect(Object.keys(loadExperimentConfig('ptbxl-normal-abnormal').variants)).toEqual(expect.arrayContaining(['full', 'no-fusion', 'no-lstm-ae', 'no-se']));
    expect(loadExperimentConfig('cinc2017').model.fusion).toBe(false);
    // a variant that does not mention a switch keeps the base model's value (no defaults in overrides)
    expect(resolveRunConfig(loadExperimentConfig('cinc2017'), { variant: 'full', seed: 0, quick: false }).model.fusion).toBe(false);
    expect(resolveRunConfig(loadExperimentConfig('cinc2017'), { variant: 'no-se', seed: 0, quick: false }).model).toMatchObject({ se: false, fusion: false, lstmAEFineTune: true });
    expect(Object.keys(loadExperimentConfig('cinc2017').variants)).not.toContain('no-fusion');
  });
  it('resolves a variant, a seed and --quick into one run config', () => {
    const c = loadExperimentConfig('mitdb-inter-patient');
    const r = resolveRunConfig(c, { variant: 'no-se', seed: 2, quick: true });
    expect(r.model.se).toBe(false);
    expect(r.model.lstmAE).toBe(true);
    expect(r.training.epochs).toBe(c.quick.epochs);
    expect(r.limits.maxTrainExamples).toBe(c.quick.maxTrainExamples);
    const full = resolveRunConfig(c, { variant: 'full', seed: 0, quick: false });
    expect(full.training.epochs).toBe(c.training.epochs);
    expect(full.limits.maxTrainExamples).toBeNull();
    expect(() => resolveRunConfig(c, { variant: 'nope', seed: 0, quick: false })).toThrow(/no variant "nope"; known: full, no-se/);
  });
});

describe('a variant that trains longer', () => {
  it('overrides epochs and patience of the base training, keeps the rest, and keeps "training" out of the model', () => {
    const raw = JSON.parse(JSON.stringify(loadExperimentConfig('cinc2017')));
    raw.variants.longer = { se: false, training: { epochs: 45, earlyStoppingPatience: 0 } };
    const c = parseExperimentConfig(raw, 'x.json');
    const r = resolveRunConfig(c, { variant: 'longer', seed: 1, quick: false });
    expect(r.training.epochs).toBe(45);
    expect(r.training.earlyStoppingPatience).toBe(0);
    expect(r.training.batchSize).toBe(c.training.batchSize);
    expect(r.training.schedule).toEqual(c.training.schedule);
    expect(r.model.se).toBe(false);
    expect('training' in r.model).toBe(false);
    // the base variant is untouched, and --quick still trains the quick epochs
    expect(resolveRunConfig(c, { variant: 'full', seed: 1, quick: false }).training.epochs).toBe(c.training.epochs);
    expect(resolveRunConfig(c, { variant: 'longer', seed: 1, quick: true }).training.epochs).toBe(c.quick.epochs);
  });
  it('rejects a training field a variant may not change, naming its path', () => {
    const raw = JSON.parse(JSON.stringify(loadExperimentConfig('cinc2017')));
    raw.variants.longer = { training: { batchSize: 8 } };
    expect(() => parseExperimentConfig(raw, 'x.json')).toThrow(/BAD_CONFIG.*batchSize.*variants\.longer\.training/s);
  });
});

describe('bad configs are typed errors naming the file and the field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecg-configs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const base = () => JSON.parse(JSON.stringify(loadExperimentConfig('cinc2017')));

  it('an unknown field', () => {
    const raw = base();
    raw.training.learningRat = 0.01;
    expect(() => parseExperimentConfig(raw, 'x.json')).toThrow(/x.json: BAD_CONFIG: .*learningRat.*training/s);
  });
  it('an ill-typed field', () => {
    const raw = base();
    raw.training.batchSize = '16';
    expect(() => parseExperimentConfig(raw, 'x.json')).toThrow(/BAD_CONFIG.*training\.batchSize/);
    const raw2 = base();
    raw2.data.fractions = [0.5, 0.5, 0.5];
    expect(() => parseExperimentConfig(raw2, 'x.json')).toThrow(/sum to 1/);
    const raw3 = base();
    raw3.model.name = 'resnet-999';
    expect(() => parseExperimentConfig(raw3, 'x.json')).toThrow(/model\.name/);
  });
  it('RR features on a record data set (they describe one beat)', () => {
    const raw = base();
    raw.variants['with-rr'] = { rrFeatures: true };
    expect(() => parseExperimentConfig(raw, 'x.json')).toThrow(/x.json: BAD_CONFIG: .*needs beat data \(mitdb\), not cinc2017.*variants\["with-rr"\]\.rrFeatures/s);
    const mitdb = JSON.parse(JSON.stringify(loadExperimentConfig('mitdb-inter-patient')));
    mitdb.variants['with-rr'] = { rrFeatures: true };
    expect(parseExperimentConfig(mitdb, 'y.json').variants['with-rr'].rrFeatures).toBe(true);
  });
  it('record rhythm features only on records cut into windows (CinC 2017)', () => {
    expect(loadExperimentConfig('cinc2017').variants['rhythm-features'].rhythmFeatures).toBe(true);
    const mitdb = JSON.parse(JSON.stringify(loadExperimentConfig('mitdb-inter-patient')));
    mitdb.model.rhythmFeatures = true;
    expect(() => parseExperimentConfig(mitdb, 'y.json')).toThrow(/y.json: BAD_CONFIG: .*needs records cut into windows \(cinc2017\), not mitdb.*model\.rhythmFeatures/s);
  });
  it('the R-peak detector of the beat inputs: a registered detector, CinC 2017 only', () => {
    expect([...rPeakMethodSchema.options].sort()).toEqual(rPeakDetectors().map((d) => d.name).sort());
    const cinc = loadExperimentConfig('cinc2017');
    expect(cinc.variants['rhythm-features'].rPeakMethod).toBe('hamilton');
    expect(resolveRunConfig(cinc, { variant: 'rhythm-features', seed: 0, quick: false }).model.rPeakMethod).toBe('hamilton');
    // absent elsewhere: the library default, so configs and runs from before the setting are unchanged
    expect(resolveRunConfig(cinc, { variant: 'full', seed: 0, quick: false }).model.rPeakMethod).toBeUndefined();
    const raw = base();
    raw.variants.odd = { rPeakMethod: 'christov' };
    expect(() => parseExperimentConfig(raw, 'x.json')).toThrow(/x.json: BAD_CONFIG: .*variants\.odd\.rPeakMethod/s);
    const mitdb = JSON.parse(JSON.stringify(loadExperimentConfig('mitdb-inter-patient')));
    mitdb.variants.h = { rPeakMethod: 'hamilton' };
    expect(() => parseExperimentConfig(mitdb, 'y.json')).toThrow(/y.json: BAD_CONFIG: .*needs records cut into windows \(cinc2017\), not mitdb.*variants\.h\.rPeakMethod/s);
  });
  it('a selection names existing variants of a patient-fold config', () => {
    const cv5 = JSON.parse(JSON.stringify(loadExperimentConfig('mitdb-inter-patient-cv5')));
    cv5.selection.variants = ['full', 'rr-templat'];
    expect(() => parseExperimentConfig(cv5, 'x.json')).toThrow(/x.json: BAD_CONFIG: .*no variant "rr-templat".*selection\.variants\[1\]/s);
    const cinc = base();
    cinc.selection = { variants: ['full', 'no-se'], rule: 'best validation' };
    expect(() => parseExperimentConfig(cinc, 'y.json')).toThrow(/y.json: BAD_CONFIG: .*needs patient folds/s);
  });
  it('validation per record only where records are cut into windows (CinC 2017)', () => {
    expect(loadExperimentConfig('cinc2017').training.validationPerRecord).toBe(true);
    const mitdb = JSON.parse(JSON.stringify(loadExperimentConfig('mitdb-inter-patient')));
    expect(mitdb.training.validationPerRecord).toBe(false);
    mitdb.training.validationPerRecord = true;
    expect(() => parseExperimentConfig(mitdb, 'y.json')).toThrow(/y.json: BAD_CONFIG: .*needs records cut into windows \(cinc2017\), not mitdb.*training\.validationPerRecord/s);
  });
  it('DS1 patient folds: the cv5 config validates seed n on fold n mod 5; folds need the inter-patient split and a seed per fold', () => {
    const cv = loadExperimentConfig('mitdb-inter-patient-cv5');
    expect(cv.data).toMatchObject({ dataset: 'mitdb', split: 'inter-patient', validationFolds: 5 });
    expect(cv.seeds).toEqual([0, 1, 2, 3, 4]);
    // the same model, training and variants as the single-draw experiment: only the validation sets differ
    const single = loadExperimentConfig('mitdb-inter-patient');
    expect(cv.model).toEqual(single.model);
    expect(cv.training).toEqual(single.training);
    expect(cv.variants).toEqual(single.variants);
    const intra = JSON.parse(JSON.stringify(cv));
    intra.data.split = 'intra-patient';
    expect(() => parseExperimentConfig(intra, 'z.json')).toThrow(/z.json: BAD_CONFIG: .*patient folds need the inter-patient split/s);
    const fewSeeds = JSON.parse(JSON.stringify(cv));
    fewSeeds.seeds = [0, 1, 2];
    expect(() => parseExperimentConfig(fewSeeds, 'z.json')).toThrow(/5 validation folds need seeds 0\.\.4/);
  });
  it('invalid JSON, a name that disagrees with the file, an unknown experiment', () => {
    writeFileSync(join(dir, 'broken.json'), '{ "name": ');
    expect(() => loadExperimentConfig('broken', dir)).toThrow(/broken.json: BAD_CONFIG: not valid JSON/);
    writeFileSync(join(dir, 'other.json'), JSON.stringify(base()));
    expect(() => loadExperimentConfig('other', dir)).toThrow(/"name" is "cinc2017" but the file is other.json/);
    try {
      loadExperimentConfig('missing', dir);
      expect.unreachable();
    } catch (e) {
      expect(isEcgDataError(e, 'BAD_ARGUMENT')).toBe(true);
      expect(String(e)).toMatch(/known: broken, other/);
    }
  });
});

describe('configDifferences', () => {
  it('lists the differing leaves by path, with unset keys', () => {
    const a = { training: { epochs: 6, balance: 'class-weights', maxClassWeight: 1, schedule: { kind: 'cosine' } }, seed: 0 };
    const b = { training: { epochs: 10, balance: 'none', schedule: { kind: 'cosine' } }, seed: 0 };
    const d = configDifferences(a, b);
    expect(d.map((x) => x.path)).toEqual(['training.balance', 'training.epochs', 'training.maxClassWeight']);
    expect(formatConfigDifferences(d)).toBe('training.balance "class-weights" (config now "none"), training.epochs 6 (config now 10), training.maxClassWeight 1 (config now (unset))');
    expect(configDifferences({ x: [1, 2] }, { x: [1, 2] })).toEqual([]);
    expect(configDifferences({ x: [1, 2] }, { x: [2, 1] })).toHaveLength(1);
  });
});
