import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EcgDataError } from '../../errors';
import type { AgeStatus, Sex } from '../../types';
import { parseHeaderComments } from '../../wfdb/comments';
import { readWfdbHeaderFile } from '../../wfdb/header';
import { loadDxMap, type DxInfo } from './dx-map';

/** Folder of the CinC 2021 sample under a data root. */
export const CINC2021_SAMPLE_DIR = 'cinc2021_sample';

export interface Cinc2021Flags {
  missingAge: boolean;
  missingSex: boolean;
  /** No `# Dx:` codes (or only "Unknown"). */
  missingDx: boolean;
  /** Some Dx code is not in the SNOMED CT table; see unknownDxCodes. */
  unknownDx: boolean;
}

export interface Cinc2021Entry {
  /** Record name ("E07500"). */
  name: string;
  /** Record path without extension. */
  path: string;
  fs: number;
  nSamples: number | null;
  leadNames: string[];
  age: number | null;
  ageStatus: AgeStatus;
  sex: Sex | null;
  /** SNOMED CT codes from `# Dx:`, in header order, unknown ones included. */
  dxCodes: string[];
  /** Diagnosis names of dxCodes (same order); an unknown code is its own name. */
  dxNames: string[];
  dxAbbreviations: string[];
  unknownDxCodes: string[];
  flags: Cinc2021Flags;
}

export interface LoadCinc2021Options {
  /** Also look in subfolders (the full Challenge layout training/<source>/<g*>/). Default false. */
  recursive?: boolean;
  /** A different SNOMED CT table (default: the committed Challenge 2021 one). */
  dxMap?: ReadonlyMap<string, DxInfo>;
}

function headerFilesUnder(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (name.endsWith('.hea')) out.push(p);
    else if (recursive && statSync(p).isDirectory()) out.push(...headerFilesUnder(p, true));
  }
  return out;
}

/** One record's entry from its header only (no signal is read). */
export function cinc2021EntryOf(recordPath: string, dxMap: ReadonlyMap<string, DxInfo> = loadDxMap()): Cinc2021Entry {
  const header = readWfdbHeaderFile(recordPath);
  const { demographics, labels } = parseHeaderComments(header.comments);
  const info = labels.map((code) => dxMap.get(code));
  const unknownDxCodes = labels.filter((_, i) => info[i] === undefined);
  return {
    name: header.recordName,
    path: recordPath,
    fs: header.fs,
    nSamples: header.nSamples,
    leadNames: header.signals.map((s) => s.description),
    age: demographics.age,
    ageStatus: demographics.ageStatus,
    sex: demographics.sex,
    dxCodes: labels,
    dxNames: labels.map((code, i) => info[i]?.name ?? code),
    dxAbbreviations: labels.map((code, i) => info[i]?.abbreviation ?? code),
    unknownDxCodes,
    flags: {
      missingAge: demographics.age === null,
      missingSex: demographics.sex === null,
      missingDx: labels.length === 0,
      unknownDx: unknownDxCodes.length > 0,
    },
  };
}

/**
 * CinC 2021 records under `dir` (`.hea` + `.mat` pairs), sorted by path, from their
 * headers: age, sex (`# Age:`, `# Sex:`; age 300 or NaN is null with its status) and
 * SNOMED CT `# Dx:` codes with their names. Unknown codes are kept and flagged.
 */
export function loadCinc2021Records(dir: string, options: LoadCinc2021Options = {}): Cinc2021Entry[] {
  if (!existsSync(dir)) throw new EcgDataError('MISSING_FILE', dir, 'CinC 2021 record folder not found');
  const dxMap = options.dxMap ?? loadDxMap();
  const headers = headerFilesUnder(dir, options.recursive ?? false);
  if (headers.length === 0) throw new EcgDataError('MISSING_FILE', dir, `no .hea records in the folder${options.recursive ? ' or its subfolders' : ''}`);
  const entries = headers.map((hea) => cinc2021EntryOf(hea.slice(0, -'.hea'.length), dxMap));
  const seen = new Map<string, string>();
  for (const e of entries) {
    const before = seen.get(e.name);
    if (before) throw new EcgDataError('BAD_HEADER', e.path, `record name ${e.name} also used by ${before}`);
    seen.set(e.name, e.path);
  }
  return entries;
}
