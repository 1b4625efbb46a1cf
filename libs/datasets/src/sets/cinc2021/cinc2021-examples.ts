import { readWfdbRecord } from '../../wfdb/record';
import { checkDemographics, selectLeads, type LeadSet, type MultiLeadExample } from '../leads';
import type { Cinc2021Entry } from './cinc2021-records';
import { CINC2021_SCORED_CLASSES } from './dx-map';
import { classColumns, multiHotRow } from './multi-hot';

export interface Cinc2021Labels {
  dxCodes: string[];
  dxNames: string[];
  /** The class list the targets are over. */
  classList: readonly string[];
}

export type Cinc2021Example = MultiLeadExample<Cinc2021Labels>;

export interface Cinc2021ExamplesOptions {
  leadSet: LeadSet;
  /** Target classes (default: the Challenge's 26 scored classes). */
  classList?: readonly string[];
  /** Throw MISSING_DEMOGRAPHICS on a record without age or sex (default: keep it, flagged). */
  requireDemographics?: boolean;
  /** Passed to readWfdbRecord (default 'error'). */
  verify?: 'error' | 'report' | 'skip';
}

/** Multi-lead examples of CinC 2021 entries (from loadCinc2021Records), one record read at a time. */
export function* cinc2021Examples(entries: Iterable<Cinc2021Entry>, options: Cinc2021ExamplesOptions): Generator<Cinc2021Example> {
  const classList = options.classList ?? CINC2021_SCORED_CLASSES;
  const columns = classColumns(classList);
  for (const e of entries) {
    checkDemographics(e.path, e.age, e.sex, options.requireDemographics ?? false);
    const record = selectLeads(readWfdbRecord(e.path, { verify: options.verify ?? 'error' }), options.leadSet);
    yield {
      id: `cinc2021/${e.name}`,
      recordPath: e.path,
      signals: record.signals,
      leadNames: record.signalNames,
      fs: record.fs,
      nSamples: record.nSamples,
      age: e.age,
      ageStatus: e.ageStatus,
      sex: e.sex,
      patientId: null, // the Challenge publishes no patient ids
      labels: { dxCodes: e.dxCodes, dxNames: e.dxNames, classList },
      targets: multiHotRow(e.dxCodes, classList, columns),
      flags: { ...e.flags },
    };
  }
}
