import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { EcgDataError } from '../errors';
import type { EcgRecord } from '../types';
import { HMIC_FS, HMIC_LEADS, HMIC_MV_PER_UNIT, HMIC_SAMPLES, type HmicLabelRow, type HmicLabelTable } from './hmic-format';

export interface ReadHmicOptions {
  /** Label table from readHmicLabelFile; when given, the record must be in it. */
  labels?: HmicLabelTable;
  /** Rows required (5000 = 10 s, every HMIC record); null accepts any count. */
  expectedSamples?: number | null;
}

/** Record id of an HMIC file name: "24106.txt" -> "24106". */
export function hmicRecordId(fileName: string): string {
  return basename(fileName).replace(/\.txt$/i, '');
}

/**
 * Read one HMIC record: a header row naming the 8 leads, then one row of 8 space-separated
 * integers per sample (4.88 uV each). Returns the signals in mV.
 */
export function readHmicRecord(txtPath: string, opts: ReadHmicOptions = {}): EcgRecord {
  if (!existsSync(txtPath)) throw new EcgDataError('MISSING_FILE', txtPath, 'HMIC record file not found');
  const lines = readFileSync(txtPath, 'latin1').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  const header = (lines[0] ?? '').trim().split(/\s+/);
  if (header.join(' ') !== HMIC_LEADS.join(' ')) {
    throw new EcgDataError('BAD_HEADER', txtPath, `line 1: expected the lead row '${HMIC_LEADS.join(' ')}', found '${(lines[0] ?? '').slice(0, 80)}'`);
  }
  const nSamples = lines.length - 1;
  const expected = opts.expectedSamples === undefined ? HMIC_SAMPLES : opts.expectedSamples;
  if (expected !== null && nSamples < expected) throw new EcgDataError('TRUNCATED', txtPath, `${nSamples} sample rows, expected ${expected}`);
  if (expected !== null && nSamples > expected) throw new EcgDataError('SIZE_MISMATCH', txtPath, `${nSamples} sample rows, expected ${expected}`);
  if (nSamples === 0) throw new EcgDataError('TRUNCATED', txtPath, 'no sample rows after the lead row');

  const nLeads = HMIC_LEADS.length;
  const signals = HMIC_LEADS.map(() => new Float32Array(nSamples));
  for (let j = 0; j < nSamples; j++) {
    const cells = lines[j + 1].trim().split(/\s+/);
    if (cells.length !== nLeads) {
      const code = cells.length < nLeads ? 'TRUNCATED' : 'SIZE_MISMATCH';
      throw new EcgDataError(code, txtPath, `line ${j + 2}: ${cells.length} values, expected ${nLeads}`);
    }
    for (let i = 0; i < nLeads; i++) {
      if (!/^[-+]?\d+$/.test(cells[i])) throw new EcgDataError('NAN_SAMPLES', txtPath, `line ${j + 2}, lead ${HMIC_LEADS[i]}: '${cells[i].slice(0, 20)}' is not an integer`);
      signals[i][j] = Number(cells[i]) * HMIC_MV_PER_UNIT;
    }
  }

  const name = hmicRecordId(txtPath);
  let row: HmicLabelRow | undefined;
  if (opts.labels) {
    row = opts.labels.get(name);
    if (!row) throw new EcgDataError('MISSING_LABEL', txtPath, `record ${name} is not in the label table`);
  }
  return {
    name,
    path: txtPath.replace(/\.txt$/i, ''),
    fs: HMIC_FS,
    nSamples,
    signalNames: [...HMIC_LEADS],
    units: HMIC_LEADS.map(() => 'mV'),
    gains: HMIC_LEADS.map(() => 1 / HMIC_MV_PER_UNIT),
    baselines: HMIC_LEADS.map(() => 0),
    signals,
    demographics: { age: row?.age ?? null, ageStatus: row?.age != null ? 'known' : 'missing', sex: row?.sex ?? null },
    labels: row ? [...row.labels] : [],
    comments: [],
    checks: { checksum: 'absent', initialValue: 'absent', perSignal: HMIC_LEADS.map(() => ({ checksum: 'absent', initialValue: 'absent' })) },
  };
}

/**
 * Read an HMIC label file: one line per record, tab-separated
 * `id.txt <age> <FEMALE|MALE> <label> <label>...`; age (and sex) may be empty.
 */
export function readHmicLabelFile(path: string): HmicLabelTable {
  if (!existsSync(path)) throw new EcgDataError('MISSING_FILE', path, 'HMIC label file not found');
  const table: HmicLabelTable = new Map();
  const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, k) => {
    if (line.trim() === '') return;
    const where = `line ${k + 1}`;
    const fields = line.split('\t');
    if (fields.length < 3) throw new EcgDataError('BAD_LABEL_FILE', path, `${where}: ${fields.length} tab-separated fields, need at least id, age, sex`);
    const [file, ageText, sexText, ...labels] = fields.map((f) => f.trim());
    if (!/^[^\s/\\]+\.txt$/i.test(file)) throw new EcgDataError('BAD_LABEL_FILE', path, `${where}: '${file.slice(0, 40)}' is not a record file name (id.txt)`);
    let age: number | null = null;
    if (ageText !== '') {
      age = Number(ageText);
      if (!/^\d+(\.\d+)?$/.test(ageText) || age > 150) throw new EcgDataError('BAD_LABEL_FILE', path, `${where}: age '${ageText.slice(0, 20)}' is not a number of years`);
    }
    let sex: HmicLabelRow['sex'] = null;
    const sexUpper = sexText.toUpperCase();
    if (sexUpper === 'MALE') sex = 'M';
    else if (sexUpper === 'FEMALE') sex = 'F';
    else if (sexText !== '') throw new EcgDataError('BAD_LABEL_FILE', path, `${where}: sex '${sexText.slice(0, 20)}' is neither FEMALE nor MALE`);
    const id = hmicRecordId(file);
    if (table.has(id)) throw new EcgDataError('BAD_LABEL_FILE', path, `${where}: record ${id} listed twice`);
    table.set(id, { age, sex, labels: labels.filter((l) => l !== '') });
  });
  return table;
}
