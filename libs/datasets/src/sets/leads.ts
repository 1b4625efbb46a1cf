import { EcgDataError } from '../errors';
import type { AgeStatus, EcgRecord, Sex } from '../types';

/**
 * Lead sets of the multi-lead tasks: the standard 12 leads, and the 8 independent
 * leads of the HMIC format (III, aVR, aVL and aVF are linear combinations of I and II,
 * so an 8-lead model sees the same information as a 12-lead one).
 */
export type LeadSet = '12' | 'hmic8';

export const LEAD_SETS: Readonly<Record<LeadSet, readonly string[]>> = Object.freeze({
  '12': Object.freeze(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']),
  hmic8: Object.freeze(['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']),
});

export function isLeadSet(s: string): s is LeadSet {
  return Object.prototype.hasOwnProperty.call(LEAD_SETS, s);
}

function leadsOf(leadSet: LeadSet, where: string): readonly string[] {
  if (!isLeadSet(leadSet)) throw new EcgDataError('BAD_ARGUMENT', where, `unknown lead set "${leadSet}" (expected one of ${Object.keys(LEAD_SETS).join(', ')})`);
  return LEAD_SETS[leadSet];
}

/**
 * Signal indices of the leads of `leadSet`, in the set's canonical order. Names are
 * matched case-insensitively (PTB-XL writes "AVR", the challenges "aVR").
 * `where` names the record in errors.
 */
export function leadChannels(signalNames: readonly string[], leadSet: LeadSet, where: string): number[] {
  const byName = new Map<string, number>();
  signalNames.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (byName.has(key)) throw new EcgDataError('BAD_HEADER', where, `lead ${name} appears twice (signals ${byName.get(key)} and ${i}); cannot tell which to use`);
    byName.set(key, i);
  });
  return leadsOf(leadSet, where).map((lead) => {
    const i = byName.get(lead.toLowerCase());
    if (i === undefined) {
      throw new EcgDataError('MISSING_LEAD', where, `record has no lead ${lead} (lead set ${leadSet}; signals: ${signalNames.join(' ')})`);
    }
    return i;
  });
}

/** The record restricted to the leads of `leadSet`, in canonical order and with canonical names. */
export function selectLeads(record: EcgRecord, leadSet: LeadSet): EcgRecord {
  const channels = leadChannels(record.signalNames, leadSet, record.path || record.name);
  const pick = <T>(xs: readonly T[]): T[] => channels.map((i) => xs[i]);
  return {
    ...record,
    signalNames: [...LEAD_SETS[leadSet]],
    units: pick(record.units),
    gains: pick(record.gains),
    baselines: pick(record.baselines),
    signals: pick(record.signals),
    checks: { ...record.checks, perSignal: record.checks.perSignal.length === record.signals.length ? pick(record.checks.perSignal) : record.checks.perSignal },
  };
}

/**
 * One multi-lead training example: the signals of one record in a lead set plus
 * what the models condition on (age, sex) and what they predict (targets).
 * Built by the data sets' example generators, separate from the raw readers.
 */
export interface MultiLeadExample<Labels> {
  /** "<set>/<record>", unique across data sets ("ptbxl/17", "cinc2021/E07500"). */
  id: string;
  recordPath: string;
  /** One array per lead (leads x samples), physical units (mV). */
  signals: Float32Array[];
  leadNames: string[];
  fs: number;
  nSamples: number;
  age: number | null;
  ageStatus: AgeStatus;
  sex: Sex | null;
  /** Null when the data set does not say which patient the record belongs to. */
  patientId: string | null;
  /** The data set's labels in readable form. */
  labels: Labels;
  /** Model targets (0/1), one per output. */
  targets: Float32Array;
  flags: { missingAge: boolean; missingSex: boolean } & Record<string, boolean>;
}

/**
 * Throw MISSING_DEMOGRAPHICS when age or sex is unknown and the caller requires them;
 * `where` names the record.
 */
export function checkDemographics(where: string, age: number | null, sex: Sex | null, required: boolean): void {
  if (!required || (age !== null && sex !== null)) return;
  const missing = [age === null ? 'age' : null, sex === null ? 'sex' : null].filter(Boolean).join(' and ');
  throw new EcgDataError('MISSING_DEMOGRAPHICS', where, `${missing} unknown, and requireDemographics is set`);
}
