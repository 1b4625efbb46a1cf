import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { EcgDataError } from '../../errors';

/** CinC 2017 classes: normal, atrial fibrillation, other rhythm, too noisy. */
export type Cinc2017Label = 'N' | 'A' | 'O' | '~';
export const CINC2017_CLASSES: readonly Cinc2017Label[] = Object.freeze(['N', 'A', 'O', '~']);
export const CINC2017_CLASS_NAMES: Readonly<Record<Cinc2017Label, string>> = Object.freeze({
  N: 'Normal rhythm',
  A: 'AF',
  O: 'Other rhythm',
  '~': 'Too noisy',
});

export interface Cinc2017Entry {
  record: string;
  /** Record path without extension. */
  path: string;
  label: Cinc2017Label;
}

function isLabel(s: string): s is Cinc2017Label {
  return (CINC2017_CLASSES as readonly string[]).includes(s);
}

/**
 * Parse a CinC 2017 REFERENCE.csv (`A00001,N`, no header). The challenge's v3 file
 * in some mirrors carries a header line; it is recognised and skipped.
 */
export function parseCinc2017Reference(text: string, file: string): Map<string, Cinc2017Label> {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ',', skipEmptyLines: 'greedy' });
  // Row-shape problems are reported below with the record named; only quoting errors stop here.
  if (parsed.errors.length && parsed.errors[0].type === 'Quotes') throw new EcgDataError('BAD_LABEL_FILE', file, `CSV error on line ${(parsed.errors[0].row ?? 0) + 1}: ${parsed.errors[0].message}`);
  const labels = new Map<string, Cinc2017Label>();
  parsed.data.forEach((row, i) => {
    const [record, label] = row.map((c) => c.trim());
    if (i === 0 && label !== undefined && !isLabel(label) && /[a-z]/i.test(label) && label.length > 1) return; // header line
    if (row.length < 2 || !record) throw new EcgDataError('BAD_LABEL_FILE', file, `line ${i + 1}: expected "record,label", got "${row.join(',')}"`);
    if (!isLabel(label)) throw new EcgDataError('BAD_LABEL_FILE', file, `line ${i + 1}: record ${record} has unknown label "${label}" (expected one of N, A, O, ~)`);
    if (labels.has(record)) throw new EcgDataError('BAD_LABEL_FILE', file, `line ${i + 1}: record ${record} is listed twice`);
    labels.set(record, label);
  });
  return labels;
}

export interface Cinc2017Listing {
  entries: Cinc2017Entry[];
  /** Labelled in REFERENCE.csv but no .hea under the folder (a subset or a partial download). */
  labelledButMissing: string[];
}

/**
 * The labelled CinC 2017 records under `dir` (a folder holding REFERENCE.csv and
 * the .hea/.mat pairs, flat or in PhysioNet's A00/ ... A08/ subfolders).
 * A record without a label is a typed MISSING_LABEL error naming it.
 */
export function loadCinc2017(dir: string): Cinc2017Listing {
  const refFile = join(dir, 'REFERENCE.csv');
  if (!existsSync(refFile)) throw new EcgDataError('MISSING_FILE', refFile, 'CinC 2017 labels (REFERENCE.csv) not found');
  const labels = parseCinc2017Reference(readFileSync(refFile, 'utf8'), refFile);
  const found = findHeaders(dir);
  const entries: Cinc2017Entry[] = [];
  for (const [record, path] of [...found].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const label = labels.get(record);
    if (!label) throw new EcgDataError('MISSING_LABEL', path + '.hea', `record ${record} has no label in ${refFile}`);
    entries.push({ record, path, label });
  }
  const labelledButMissing = [...labels.keys()].filter((r) => !found.has(r)).sort();
  return { entries, labelledButMissing };
}

function findHeaders(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (d: string, depth: number) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory() && depth === 0 && /^A\d\d$/.test(e.name)) visit(join(d, e.name), 1);
      else if (e.isFile() && /^A\d{5}\.hea$/.test(e.name)) out.set(e.name.slice(0, -4), join(d, e.name.slice(0, -4)));
    }
  };
  visit(dir, 0);
  return out;
}
