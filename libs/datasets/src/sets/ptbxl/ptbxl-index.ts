import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EcgDataError } from '../../errors';
import type { AgeStatus, Sex } from '../../types';
import { readCsvTable } from './csv-table';
import { diagnosticSuperclasses, loadScpStatements, parseScpCodes, type PtbxlSuperclass, type ScpCodes } from './scp';

/** Folder of the PTB-XL subset under a data root. */
export const PTBXL_SUBSET_DIR = 'ptbxl_subset';

/** Columns of the subset's derived index.csv (see its PROVENANCE.md). */
export const PTBXL_INDEX_COLUMNS = Object.freeze([
  'ecg_id',
  'record_challenge2024',
  'record_physionet_original',
  'hdr_age',
  'hdr_sex',
  'hdr_dx',
  'csv_age',
  'csv_sex_0male_1female',
  'scp_codes',
  'strat_fold',
  'csv_source',
] as const);

export interface PtbxlFlags {
  /** Age null: no age anywhere, or PTB-XL's 300 ("90 or older, or unknown") with no CSV age. */
  missingAge: boolean;
  missingSex: boolean;
  /** No ptbxl_database.csv row, so the patient is unknown: the record is its own group in splits. */
  missingPatientId: boolean;
  /** No scp_codes / strat_fold (392 of the 999): only the Normal/Abnormal label. */
  missingScpCodes: boolean;
  /** scp_codes present but none of them diagnostic (e.g. only rhythm statements). */
  noDiagnosticSuperclass: boolean;
}

export interface PtbxlEntry {
  ecgId: number;
  /** PTB-XL patient_id ("15709"), null when no database CSV row covers the record. */
  patientId: string | null;
  /** Record path without extension, under the set folder (`<setDir>/ecg-image-kit_challenge2024/00000/00001_lr`). */
  recordPath: string;
  /** The same path relative to the set folder. */
  recordRelPath: string;
  age: number | null;
  ageStatus: AgeStatus;
  sex: Sex | null;
  /** The subset's binary label: Normal iff NORM is among the record's SCP statements. */
  normal: boolean;
  /** SCP statements with likelihoods; null when the record has no database row. */
  scpCodes: ScpCodes | null;
  /** Diagnostic superclasses (PTBXL_SUPERCLASSES order); [] when none or unknown (see flags). */
  superclasses: PtbxlSuperclass[];
  /** PTB-XL's patient-wise stratified fold 1-10, null when unknown. */
  stratFold: number | null;
  flags: PtbxlFlags;
}

export interface LoadPtbxlIndexOptions {
  /** Likelihood a diagnostic statement needs to count (default 0: all, as PTB-XL's example code). */
  minLikelihood?: number;
  /** Check that every record's .hea exists (default true). */
  checkRecords?: boolean;
}

/**
 * The subset folder: `root` itself when it holds index.csv, else `root/ptbxl_subset`,
 * so both a data root and the set folder work.
 */
export function ptbxlSubsetDir(root: string): string {
  return existsSync(join(root, 'index.csv')) ? root : join(root, PTBXL_SUBSET_DIR);
}

const AGE_90_PLUS_OR_UNKNOWN = 300;

type AgeField = { age: number | null; ageStatus: AgeStatus };

function parseAgeField(text: string, where: string, column: string): AgeField {
  if (text === '' || text.toLowerCase() === 'nan') return { age: null, ageStatus: 'missing' };
  const v = Number(text);
  if (v === AGE_90_PLUS_OR_UNKNOWN) return { age: null, ageStatus: '90+/unknown' };
  if (!Number.isFinite(v) || v < 0 || v > 130) throw new EcgDataError('BAD_LABEL_FILE', where, `${column} "${text}" is not an age in years`);
  return { age: v, ageStatus: 'known' };
}

/** The header's age wins; the CSV's fills in where the header is blank or says 300. */
function combineAge(header: AgeField, csv: AgeField): AgeField {
  if (header.ageStatus === 'known') return header;
  if (csv.ageStatus === 'known') return csv;
  return header.ageStatus === '90+/unknown' || csv.ageStatus === '90+/unknown' ? { age: null, ageStatus: '90+/unknown' } : { age: null, ageStatus: 'missing' };
}

function parseSexFields(hdr: string, csv: string, where: string): Sex | null {
  // PTB-XL's database codes sex as 0 = male, 1 = female (Wagner et al. 2020, Table 2: "male 0, female 1"; the subset's
  // PROVENANCE.md); the Challenge-2024 headers spell it out. Where both exist they agree.
  const fromHeader = hdr === 'Male' ? 'M' : hdr === 'Female' ? 'F' : null;
  if (hdr !== '' && fromHeader === null) throw new EcgDataError('BAD_LABEL_FILE', where, `hdr_sex "${hdr}" is not Male or Female`);
  const fromCsv = csv === '0' ? 'M' : csv === '1' ? 'F' : null;
  if (csv !== '' && fromCsv === null) throw new EcgDataError('BAD_LABEL_FILE', where, `csv_sex_0male_1female "${csv}" is not 0 or 1`);
  if (fromHeader && fromCsv && fromHeader !== fromCsv) throw new EcgDataError('BAD_LABEL_FILE', where, `hdr_sex ${hdr} disagrees with csv_sex_0male_1female ${csv}`);
  return fromHeader ?? fromCsv;
}

function normalizePatientId(text: string): string | null {
  if (text === '' || text.toLowerCase() === 'nan') return null;
  const v = Number(text);
  return Number.isInteger(v) ? String(v) : text; // "15709.0" -> "15709"
}

/** ecg_id -> patient_id from one ptbxl_database.csv copy. */
function patientIdsOf(file: string): Map<number, string | null> {
  const table = readCsvTable(file, ['ecg_id', 'patient_id'], 'PTB-XL database CSV');
  return new Map(table.rows.map((r) => [Number(r.ecg_id), normalizePatientId(r.patient_id)]));
}

function firstExistingRecord(setDir: string, candidates: string[], check: boolean): string | null {
  for (const rel of candidates) if (rel !== '' && (!check || existsSync(join(setDir, rel) + '.hea'))) return rel;
  return null;
}

/**
 * The PTB-XL subset's records with demographics, labels and folds, from its index.csv
 * (one row per ecg_id), scp_statements.csv and, for patient ids, the database CSV each
 * row names in `csv_source`. `root` is a data root or the subset folder itself.
 *
 * Field rules: age from the Challenge header unless blank or 300, then from the CSV; sex
 * likewise (0 = male, 1 = female); Normal from the header's `#Dx`, else "NORM in scp_codes"
 * (the two agree wherever both exist); record path: PhysioNet's original copy when present,
 * else the Challenge-2024 copy (same .dat bytes).
 */
export function loadPtbxlIndex(root: string, options: LoadPtbxlIndexOptions = {}): PtbxlEntry[] {
  const setDir = ptbxlSubsetDir(root);
  const indexFile = join(setDir, 'index.csv');
  const index = readCsvTable(indexFile, PTBXL_INDEX_COLUMNS, 'PTB-XL subset index.csv');
  const statements = loadScpStatements(join(setDir, 'physionet_original', 'scp_statements.csv'));
  const patientTables = new Map<string, Map<number, string | null>>();
  const seen = new Set<number>();
  const checkRecords = options.checkRecords ?? true;

  return index.rows.map((row) => {
    const ecgId = Number(row.ecg_id);
    const where = `${indexFile} (ecg_id ${row.ecg_id})`;
    if (!Number.isInteger(ecgId) || ecgId <= 0) throw new EcgDataError('BAD_LABEL_FILE', indexFile, `ecg_id "${row.ecg_id}" is not a positive integer`);
    if (seen.has(ecgId)) throw new EcgDataError('BAD_LABEL_FILE', indexFile, `ecg_id ${ecgId} is listed twice`);
    seen.add(ecgId);

    const recordRelPath = firstExistingRecord(setDir, [row.record_physionet_original, row.record_challenge2024], checkRecords);
    if (recordRelPath === null) {
      const named = [row.record_physionet_original, row.record_challenge2024].filter((p) => p !== '');
      if (named.length === 0) throw new EcgDataError('BAD_LABEL_FILE', where, 'no record path in record_physionet_original or record_challenge2024');
      throw new EcgDataError('MISSING_FILE', join(setDir, named[0]) + '.hea', `record of ecg_id ${ecgId} not found (looked for ${named.join(', ')})`);
    }

    const { age, ageStatus } = combineAge(parseAgeField(row.hdr_age, where, 'hdr_age'), parseAgeField(row.csv_age, where, 'csv_age'));
    const sex = parseSexFields(row.hdr_sex, row.csv_sex_0male_1female, where);

    const scpCodes = row.scp_codes === '' ? null : parseScpCodes(row.scp_codes, where);
    const superclasses = scpCodes ? diagnosticSuperclasses(scpCodes, statements, options.minLikelihood ?? 0) : [];

    let normal: boolean;
    if (row.hdr_dx === 'Normal' || row.hdr_dx === 'Abnormal') normal = row.hdr_dx === 'Normal';
    else if (row.hdr_dx !== '') throw new EcgDataError('BAD_LABEL_FILE', where, `hdr_dx "${row.hdr_dx}" is not Normal or Abnormal`);
    else if (scpCodes) normal = 'NORM' in scpCodes;
    else throw new EcgDataError('MISSING_LABEL', where, 'neither hdr_dx nor scp_codes gives a Normal/Abnormal label');

    let stratFold: number | null = null;
    if (row.strat_fold !== '') {
      stratFold = Number(row.strat_fold);
      if (!Number.isInteger(stratFold) || stratFold < 1 || stratFold > 10) throw new EcgDataError('BAD_LABEL_FILE', where, `strat_fold "${row.strat_fold}" is not 1-10`);
    }

    let patientId: string | null = null;
    if (row.csv_source !== '') {
      if (!patientTables.has(row.csv_source)) patientTables.set(row.csv_source, patientIdsOf(join(setDir, row.csv_source)));
      patientId = patientTables.get(row.csv_source)!.get(ecgId) ?? null;
    }

    return {
      ecgId,
      patientId,
      recordPath: join(setDir, recordRelPath),
      recordRelPath,
      age,
      ageStatus,
      sex,
      normal,
      scpCodes,
      superclasses,
      stratFold,
      flags: {
        missingAge: age === null,
        missingSex: sex === null,
        missingPatientId: patientId === null,
        missingScpCodes: scpCodes === null,
        noDiagnosticSuperclass: scpCodes !== null && superclasses.length === 0,
      },
    };
  });
}
