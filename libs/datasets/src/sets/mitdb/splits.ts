import { existsSync } from 'node:fs';
import { createRng, shuffled } from '../../random';
import { stratifiedSplit, type Split, type SplitFractions } from '../splits';
import { AAMI_CLASSES, addAamiCounts, emptyAamiCounts, type AamiCounts } from './aami';
import { countMitdbBeats, mitdbRecordPath, type MitdbBeatRef } from './beats';
import { MITDB_DS1, MITDB_DS2, MITDB_PACED, mitdbPatientOf } from './records';

export interface MitdbRecordSplit {
  protocol: 'inter-patient';
  train: string[];
  validation: string[];
  test: string[];
  /** Paced records, left out as AAMI recommends. */
  excluded: string[];
  /** Records of the protocol not found under the data root (e.g. the bundled sample has only 100 and 200). */
  missing: string[];
  seed: number;
}

export interface InterPatientOptions {
  seed?: number;
  /** Share of DS1 patients held out for validation (default 0.2: 4 of 22). */
  validationFraction?: number;
  /** Seeded candidate draws compared when choosing the validation patients. */
  candidates?: number;
  /**
   * Validate on fold `fold` of mitdbDs1PatientFolds(root, { folds }) instead of a seeded draw of
   * validationFraction: seeds 0..folds-1 of an experiment then hold out every DS1 patient once.
   */
  validationFold?: { folds: number; fold: number };
}

function available(root: string, records: readonly string[]): { present: string[]; missing: string[] } {
  const present: string[] = [];
  const missing: string[] = [];
  for (const r of records) (existsSync(mitdbRecordPath(root, r) + '.hea') && existsSync(mitdbRecordPath(root, r) + '.atr') ? present : missing).push(r);
  return { present, missing };
}

/**
 * The de Chazal 2004 inter-patient split: DS1 trains, DS2 tests, paced records out.
 * Validation patients come from DS1 only. Beats of the rare classes sit in a few
 * records (most DS1 F beats are in 208), so a plain random draw can strip training
 * of a class; instead `candidates` seeded draws are scored by how evenly each
 * class is cut (every class near validationFraction of its beats) and the best
 * is kept. Same seed and data, same split.
 */
export function mitdbInterPatientSplit(root: string, options: InterPatientOptions = {}): MitdbRecordSplit {
  const seed = options.seed ?? 0;
  const fraction = options.validationFraction ?? 0.2;
  const ds1 = available(root, MITDB_DS1);
  const ds2 = available(root, MITDB_DS2);
  const vf = options.validationFold;
  if (vf && !(Number.isInteger(vf.fold) && vf.fold >= 0 && vf.fold < vf.folds)) throw new RangeError(`validation fold ${vf.fold} is not one of 0..${vf.folds - 1}`);
  const validation = vf ? mitdbDs1PatientFolds(root, { folds: vf.folds, candidates: options.candidates })[vf.fold] : chooseValidationRecords(root, ds1.present, fraction, seed, options.candidates ?? 256);
  const held = new Set(validation);
  return {
    protocol: 'inter-patient',
    train: ds1.present.filter((r) => !held.has(r)),
    validation,
    test: ds2.present,
    excluded: [...MITDB_PACED],
    missing: [...ds1.missing, ...ds2.missing],
    seed,
  };
}

function chooseValidationRecords(root: string, ds1: string[], fraction: number, seed: number, candidates: number): string[] {
  const patients = [...new Set(ds1.map(mitdbPatientOf))].sort();
  const k = Math.round(fraction * patients.length);
  if (k === 0 || k >= patients.length) return [];
  const counts = countMitdbBeats(root, ds1);
  const total = emptyAamiCounts();
  for (const c of counts.values()) addAamiCounts(total, c);
  const rng = createRng(seed);
  let best: string[] = [];
  let bestScore = Infinity;
  for (let i = 0; i < candidates; i++) {
    const chosen = new Set(shuffled(patients, rng).slice(0, k));
    const val = emptyAamiCounts();
    for (const [r, c] of counts) if (chosen.has(mitdbPatientOf(r))) addAamiCounts(val, c);
    const score = unevenness(val, total, fraction);
    if (score < bestScore) {
      bestScore = score;
      best = ds1.filter((r) => chosen.has(mitdbPatientOf(r)));
    }
  }
  return best;
}

/**
 * DS1's patients dealt into `folds` disjoint folds (by patient: records of one patient stay
 * together), for patient-wise cross-validation on DS1: every fold is the validation set of one
 * training run, so the folds' validation predictions together cover every DS1 patient once.
 * As for the single validation draw, `candidates` seeded deals are scored by how evenly every
 * fold cuts each AAMI class (near 1/folds of its beats) and the best is kept. The partition
 * depends on `seed` (default 0) and the data only, not on the training seed.
 */
export function mitdbDs1PatientFolds(root: string, options: { folds: number; seed?: number; candidates?: number }): string[][] {
  const { folds } = options;
  const ds1 = available(root, MITDB_DS1).present;
  const patients = [...new Set(ds1.map(mitdbPatientOf))].sort();
  if (!Number.isInteger(folds) || folds < 2 || folds > patients.length) throw new RangeError(`cannot deal ${patients.length} DS1 patients into ${folds} folds`);
  const counts = countMitdbBeats(root, ds1);
  const total = emptyAamiCounts();
  for (const c of counts.values()) addAamiCounts(total, c);
  const rng = createRng(options.seed ?? 0);
  let best: string[][] = [];
  let bestScore = Infinity;
  for (let i = 0; i < (options.candidates ?? 256); i++) {
    const foldOf = new Map(shuffled(patients, rng).map((p, j) => [p, j % folds]));
    const perFold = Array.from({ length: folds }, emptyAamiCounts);
    for (const [r, c] of counts) addAamiCounts(perFold[foldOf.get(mitdbPatientOf(r))!], c);
    const score = perFold.reduce((sum, f) => sum + unevenness(f, total, 1 / folds), 0);
    if (score < bestScore) {
      bestScore = score;
      best = Array.from({ length: folds }, (_, f) => ds1.filter((r) => foldOf.get(mitdbPatientOf(r)) === f));
    }
  }
  return best;
}

/** How far each class's validation share is from the target (classes with < 20 beats ignored). */
function unevenness(val: AamiCounts, total: AamiCounts, fraction: number): number {
  let score = 0;
  for (const c of AAMI_CLASSES) if (total[c] >= 20) score += Math.abs(val[c] / total[c] - fraction);
  return score;
}

/**
 * Intra-patient split: beats drawn at random, stratified by AAMI class, so beats
 * of one patient land on every side. It leaks the patient and gives ~99 % accuracy;
 * it exists only to reproduce papers that used it, and is labelled as such.
 */
export function mitdbIntraPatientSplit(
  beats: readonly MitdbBeatRef[],
  options: { seed?: number; fractions?: SplitFractions } = {},
): Split<MitdbBeatRef> & { protocol: 'intra-patient (beats of one patient on several sides; optimistic)' } {
  const split = stratifiedSplit(beats, (b) => b.aamiClass, { seed: options.seed ?? 0, fractions: options.fractions ?? [0.7, 0.1, 0.2] });
  const byPosition = (a: MitdbBeatRef, b: MitdbBeatRef) => (a.record < b.record ? -1 : a.record > b.record ? 1 : a.sample - b.sample);
  for (const side of [split.train, split.validation, split.test]) side.sort(byPosition);
  return { protocol: 'intra-patient (beats of one patient on several sides; optimistic)', ...split };
}
