import { EcgDataError } from '../../errors';
import { checkFractions, groupSplit, type Split, type SplitFractions, type SplitName } from '../splits';
import type { PtbxlEntry } from './ptbxl-index';

/** PTB-XL's recommended use of its folds: 1-8 train, 9 validation, 10 test. */
export function ptbxlSideOfFold(fold: number): SplitName {
  if (!Number.isInteger(fold) || fold < 1 || fold > 10) throw new EcgDataError('BAD_ARGUMENT', 'ptbxlSideOfFold', `strat_fold ${fold} is not 1-10`);
  return fold === 10 ? 'test' : fold === 9 ? 'validation' : 'train';
}

/**
 * PTB-XL's fold protocol on the records that have a strat_fold (607 of the subset's
 * 999); records without one are left out. The folds are patient-wise in PTB-XL, so no
 * patient crosses sides.
 */
export function ptbxlFoldSplit<T extends Pick<PtbxlEntry, 'stratFold'>>(entries: readonly T[]): Split<T> {
  const out: Split<T> = { train: [], validation: [], test: [] };
  for (const e of entries) if (e.stratFold !== null) out[ptbxlSideOfFold(e.stratFold)].push(e);
  return out;
}

export interface PtbxlPatientSplitOptions {
  seed: number;
  /** Train / validation / test fractions for the records without a fold (default 0.8/0.1/0.1, the folds' 8/1/1). */
  fractions?: SplitFractions;
}

export interface PtbxlPatientSplit<T> extends Split<T> {
  /** How many records were placed by their own fold, by a fold of their patient, and by the seeded patient split. */
  placedBy: { fold: number; patientFold: number; seeded: number };
}

/** Patient key used for grouping: the patient id, or the record itself when the patient is unknown. */
export function ptbxlGroupOf(e: Pick<PtbxlEntry, 'patientId' | 'ecgId'>): string {
  return e.patientId ?? `ecg_id:${e.ecgId}`;
}

/**
 * Patient-aware seeded split of every record (the Normal vs Abnormal task uses all 999):
 * 1. a record with a strat_fold follows the fold protocol (ptbxlFoldSplit);
 * 2. a record without a fold whose patient has folded records goes where they went
 *    ("fold wins");
 * 3. the other records are split by patient with `seed` and `fractions`.
 * A patient whose folded records sit on two sides is a BAD_ARGUMENT error (PTB-XL's folds
 * never do that). Records with no patient id count as their own patient; in the subset
 * these are exactly the 392 records without a database row, so a patient of theirs who also
 * has other records cannot be detected (see flags.missingPatientId).
 */
export function ptbxlPatientSplit<T extends Pick<PtbxlEntry, 'ecgId' | 'patientId' | 'stratFold'>>(
  entries: readonly T[],
  options: PtbxlPatientSplitOptions,
): PtbxlPatientSplit<T> {
  const fractions = options.fractions ?? [0.8, 0.1, 0.1];
  checkFractions(fractions, 'ptbxlPatientSplit');
  const sideOfGroup = new Map<string, SplitName>();
  for (const e of entries) {
    if (e.stratFold === null) continue;
    const side = ptbxlSideOfFold(e.stratFold);
    const g = ptbxlGroupOf(e);
    const before = sideOfGroup.get(g);
    if (before && before !== side) {
      throw new EcgDataError('BAD_ARGUMENT', 'ptbxlPatientSplit', `patient ${g} has folded records in ${before} and ${side} (ecg_id ${e.ecgId}); folds must be patient-wise`);
    }
    sideOfGroup.set(g, side);
  }
  const out: PtbxlPatientSplit<T> = { train: [], validation: [], test: [], placedBy: { fold: 0, patientFold: 0, seeded: 0 } };
  const rest: T[] = [];
  for (const e of entries) {
    const side = sideOfGroup.get(ptbxlGroupOf(e));
    if (side === undefined) rest.push(e);
    else {
      out[side].push(e);
      if (e.stratFold !== null) out.placedBy.fold++;
      else out.placedBy.patientFold++;
    }
  }
  const seeded = groupSplit(rest, ptbxlGroupOf, { seed: options.seed, fractions });
  for (const side of ['train', 'validation', 'test'] as const) out[side].push(...seeded[side]);
  out.placedBy.seeded = rest.length;
  // Keep ecg_id order inside each side so a split prints the same whatever the input order.
  for (const side of ['train', 'validation', 'test'] as const) out[side].sort((a, b) => a.ecgId - b.ecgId);
  return out;
}
