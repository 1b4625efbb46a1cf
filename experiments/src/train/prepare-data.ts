import { join } from 'node:path';
import {
  AAMI_CLASSES,
  CINC2017_CLASSES,
  PTBXL_SUPERCLASSES,
  cinc2017Split,
  createRng,
  listMitdbBeats,
  loadCinc2017,
  loadPtbxlIndex,
  mitdbInterPatientSplit,
  mitdbIntraPatientSplit,
  ptbxlFoldSplit,
  ptbxlPatientSplit,
  shuffled,
  type Split,
} from '@efficientecg/datasets';
import { aamiMeasures, cinc2017Score, encodeAge, encodeSex, macroF1, type ConfusionMatrix, type ExampleSource } from '@efficientecg/models';
import type { ResolvedRunConfig } from '../config';
import { prepareCinc2017Records, RecordCropSource, recordWindowSource } from '../data/cinc2017-source';
import type { DemographicEncoder } from '../data/demographics';
import { buildMitdbSource } from '../data/mitdb-source';
import { buildPtbxlSource } from '../data/ptbxl-source';

/** Beats of context for the LSTM-AE (EfficientECG's lstmAEConfig.seqLen). */
export const CONTEXT_BEATS = 16;

/** The workspace's age/sex encoding for the fusion inputs (age bins with an "unknown" bin). */
export const DEMOGRAPHIC_ENCODER: DemographicEncoder = {
  age: (d) => encodeAge(d.age, d.ageStatus),
  sex: (d) => encodeSex(d.sex),
};

export interface PreparedExperimentData {
  task: 'single-label' | 'multi-label';
  classNames: readonly string[];
  inputLength: number;
  leads: number;
  train: ExampleSource & { forModel(names: readonly string[]): ExampleSource };
  validation: ExampleSource & { forModel(names: readonly string[]): ExampleSource };
  test: ExampleSource & { forModel(names: readonly string[]): ExampleSource };
  /** Evaluation examples are windows of records: average their probabilities per group (record) before scoring. */
  aggregateByGroup: boolean;
  /** The task's own score of a confusion matrix (CinC 2017 F1(N,A,O); MIT-BIH jk index); macro-F1 when none. */
  score(confusion: ConfusionMatrix): number;
  /** What the bootstrap resamples. */
  groupUnit: 'records' | 'patients';
  /** Facts about the split for the run folder (record lists, counts). */
  split: Record<string, unknown>;
}

/** --quick: at most `n` items, a seeded draw (stratified when labels are given). */
function cap<T>(items: readonly T[], n: number | null, seed: number): T[] {
  if (n === null || items.length <= n) return [...items];
  return shuffled(items, createRng(seed)).slice(0, n);
}

export interface PrepareOptions {
  /**
   * 'test': build only the test split (evaluating a trained model); 'evaluation': validation and
   * test. The sides left out come back empty.
   */
  only?: 'test' | 'evaluation';
}

export function prepareExperimentData(run: ResolvedRunConfig, root: string, log: (m: string) => void = () => {}, options: PrepareOptions = {}): PreparedExperimentData {
  const skip = (side: string) => (options.only === 'test' && side !== 'test') || (options.only === 'evaluation' && side === 'train');
  const d = run.data;
  const withFeatures = run.model.name === 'efficientecg' && run.model.lstmAE;
  const contextBeats = withFeatures ? CONTEXT_BEATS : 0;
  // the record's rhythm comes from its beat features too
  const rhythm = run.model.name === 'efficientecg' && run.model.rhythmFeatures;
  const demographics = run.model.name === 'efficientecg' && run.model.fusion ? DEMOGRAPHIC_ENCODER : undefined;
  const { maxTrainExamples, maxEvalExamples } = run.limits;

  if (d.dataset === 'mitdb') {
    const window = d.window;
    const opts = { window, channels: d.channels, contextBeats, demographics, rrFeatures: run.model.name === 'efficientecg' && run.model.rrFeatures, recordTemplate: run.model.recordTemplate };
    if (d.split === 'intra-patient') {
      const records = mitdbInterPatientSplit(root, { seed: run.seed });
      const all = [...records.train, ...records.validation, ...records.test];
      const beats = all.flatMap((r) => listMitdbBeats(root, r));
      const s = mitdbIntraPatientSplit(beats, { seed: run.seed });
      const side = (b: typeof beats, n: number | null) => buildMitdbSource(root, { ...opts, records: all, beats: cap(b, n, run.seed) });
      return mitdbResult(d, side(s.train, maxTrainExamples), side(s.validation, maxEvalExamples), side(s.test, maxEvalExamples), { protocol: s.protocol, records: all }, opts.recordTemplate);
    }
    // the test split (DS2) does not depend on the validation fold: evaluating a cross-validated model needs no DS1 record (the bundled sample has none)
    const validationFold = d.validationFolds && options.only !== 'test' ? { folds: d.validationFolds, fold: run.seed % d.validationFolds } : undefined;
    const split = mitdbInterPatientSplit(root, { seed: run.seed, validationFraction: d.validationFraction, validationFold });
    // --quick: a few records per side keep preparation short (each record is cleaned and delineated whole)
    const quickRecords = (records: string[]) => (run.quick ? records.slice(0, 3) : records);
    const side = (records: string[], n: number | null, name: string) => {
      const rs = skip(name) ? [] : quickRecords(records);
      const beats = n === null ? undefined : cap(rs.flatMap((r) => listMitdbBeats(root, r)), n, run.seed);
      log(`MIT-BIH ${name}: ${rs.length} records`);
      return buildMitdbSource(root, { ...opts, records: rs, beats });
    };
    return mitdbResult(d, side(split.train, maxTrainExamples, 'train'), side(split.validation, maxEvalExamples, 'validation'), side(split.test, maxEvalExamples, 'test'), {
      protocol: split.protocol,
      validationFold: validationFold ?? null,
      train: quickRecords(split.train),
      validation: quickRecords(split.validation),
      test: quickRecords(split.test),
      excluded: split.excluded,
      missing: split.missing,
    }, opts.recordTemplate);
  }

  if (d.dataset === 'cinc2017') {
    const { entries } = loadCinc2017(join(root, 'cinc2017'));
    const splitSeed = d.splitSeed ?? run.seed;
    const split = cinc2017Split(entries, { seed: splitSeed, fractions: d.fractions });
    const prep = (side: keyof Split<unknown>, n: number | null) => {
      // --quick's evaluation subsets belong to the split: drawn with its seed, shared like it
      const chosen = skip(side) ? [] : cap(split[side], n, side === 'train' ? run.seed : splitSeed);
      log(`CinC 2017 ${side}: preparing ${chosen.length} records`);
      return prepareCinc2017Records(chosen, { fs: d.fs, withFeatures: withFeatures || rhythm, rPeakMethod: run.model.rPeakMethod });
    };
    const train = prep('train', maxTrainExamples);
    const validation = prep('validation', maxEvalExamples);
    const test = prep('test', maxEvalExamples);
    return {
      task: 'single-label',
      classNames: CINC2017_CLASSES,
      inputLength: d.trainPolicy.length,
      leads: 1,
      train: new RecordCropSource(train, d.trainPolicy.length, contextBeats, rhythm),
      validation: recordWindowSource(validation, d.evalPolicy, contextBeats, rhythm),
      test: recordWindowSource(test, d.evalPolicy, contextBeats, rhythm),
      aggregateByGroup: true,
      score: (m) => cinc2017Score(m).score,
      groupUnit: 'records',
      split: { protocol: `stratified by class, split seed ${splitSeed}${d.splitSeed === undefined ? ' (the run seed)' : ' (fixed: shared by all seeds)'}`, fractions: d.fractions, train: train.map((r) => r.id), validation: validation.map((r) => r.id), test: test.map((r) => r.id) },
    };
  }

  if (d.dataset === 'ptbxl') {
    const entries = loadPtbxlIndex(root);
    const usable = d.task === 'superclasses' ? entries.filter((e) => e.stratFold !== null && !e.flags.missingScpCodes) : entries;
    const split = d.split === 'folds' ? ptbxlFoldSplit(usable.filter((e) => e.stratFold !== null)) : ptbxlPatientSplit(usable, { seed: run.seed });
    const opts = { task: d.task, leadSet: d.leadSet, fs: d.fs, contextBeats, demographics };
    const side = (name: 'train' | 'validation' | 'test', n: number | null) => {
      const chosen = skip(name) ? split.test.slice(0, 1) : cap(split[name], n, run.seed);
      log(`PTB-XL ${name}: ${chosen.length} records`);
      return buildPtbxlSource(chosen, opts);
    };
    const train = side('train', maxTrainExamples);
    return {
      task: d.task === 'superclasses' ? 'multi-label' : 'single-label',
      classNames: d.task === 'superclasses' ? PTBXL_SUPERCLASSES : ['Normal', 'Abnormal'],
      inputLength: (train.inputs[0].shape as number[])[0],
      leads: (train.inputs[0].shape as number[])[1],
      train,
      validation: side('validation', maxEvalExamples),
      test: side('test', maxEvalExamples),
      aggregateByGroup: false,
      score: (m) => macroF1(m),
      groupUnit: 'patients',
      split: { protocol: d.split === 'folds' ? 'PTB-XL strat_fold 1-8 / 9 / 10' : 'patient-aware (folds where known, seeded by patient otherwise)' },
    };
  }
  throw new RangeError(`dataset ${d.dataset} has no training pipeline yet (CinC 2021 records serve pipeline tests only)`);
}

function mitdbResult(
  d: Extract<ResolvedRunConfig['data'], { dataset: 'mitdb' }>,
  train: ReturnType<typeof buildMitdbSource>,
  validation: ReturnType<typeof buildMitdbSource>,
  test: ReturnType<typeof buildMitdbSource>,
  split: Record<string, unknown>,
  recordTemplate: boolean,
): PreparedExperimentData {
  return {
    task: 'single-label',
    classNames: AAMI_CLASSES,
    inputLength: d.window.before + d.window.after,
    // the record's median beat rides along as as many leads again
    leads: d.channels.length * (recordTemplate ? 2 : 1),
    train,
    validation,
    test,
    aggregateByGroup: false,
    score: (m) => aamiMeasures(m).jkIndex,
    groupUnit: 'records',
    split,
  };
}
