import { EcgDataError } from '../../errors';
import { readWfdbRecord } from '../../wfdb/record';
import { checkDemographics, selectLeads, type LeadSet, type MultiLeadExample } from '../leads';
import type { PtbxlEntry } from './ptbxl-index';
import { PTBXL_SUPERCLASSES, type PtbxlSuperclass } from './scp';

/**
 * 'normal-abnormal': one target, 1 = Abnormal (the subset's binary task, all records);
 * 'superclasses': five multi-hot targets in PTBXL_SUPERCLASSES order (records with SCP codes only).
 */
export type PtbxlTask = 'normal-abnormal' | 'superclasses';

export interface PtbxlLabels {
  normal: boolean;
  superclasses: PtbxlSuperclass[];
  stratFold: number | null;
}

export type PtbxlExample = MultiLeadExample<PtbxlLabels>;

export interface PtbxlExamplesOptions {
  leadSet: LeadSet;
  task?: PtbxlTask;
  /** Throw MISSING_DEMOGRAPHICS on a record without age or sex (default: keep it, flagged). */
  requireDemographics?: boolean;
  /** Passed to readWfdbRecord (default 'error': a checksum mismatch throws). */
  verify?: 'error' | 'report' | 'skip';
}

export function ptbxlTargets(entry: Pick<PtbxlEntry, 'ecgId' | 'recordPath' | 'normal' | 'superclasses' | 'scpCodes'>, task: PtbxlTask): Float32Array {
  if (task === 'normal-abnormal') return Float32Array.of(entry.normal ? 0 : 1);
  if (task !== 'superclasses') throw new EcgDataError('BAD_ARGUMENT', 'ptbxlTargets', `unknown PTB-XL task "${task}"`);
  if (entry.scpCodes === null) {
    throw new EcgDataError('MISSING_LABEL', entry.recordPath, `ecg_id ${entry.ecgId} has no scp_codes, so no superclass targets (filter on flags.missingScpCodes)`);
  }
  return Float32Array.from(PTBXL_SUPERCLASSES, (c) => (entry.superclasses.includes(c) ? 1 : 0));
}

/**
 * Multi-lead examples of PTB-XL entries (from loadPtbxlIndex), one record read at a
 * time. Demographics come from the index (the database CSV / Challenge header), not
 * from the record's own header comments, which PhysioNet's copy does not have.
 */
export function* ptbxlExamples(entries: Iterable<PtbxlEntry>, options: PtbxlExamplesOptions): Generator<PtbxlExample> {
  const task = options.task ?? 'normal-abnormal';
  for (const e of entries) {
    checkDemographics(e.recordPath, e.age, e.sex, options.requireDemographics ?? false);
    const targets = ptbxlTargets(e, task);
    const record = selectLeads(readWfdbRecord(e.recordPath, { verify: options.verify ?? 'error' }), options.leadSet);
    yield {
      id: `ptbxl/${e.ecgId}`,
      recordPath: e.recordPath,
      signals: record.signals,
      leadNames: record.signalNames,
      fs: record.fs,
      nSamples: record.nSamples,
      age: e.age,
      ageStatus: e.ageStatus,
      sex: e.sex,
      patientId: e.patientId,
      labels: { normal: e.normal, superclasses: e.superclasses, stratFold: e.stratFold },
      targets,
      flags: { ...e.flags },
    };
  }
}
