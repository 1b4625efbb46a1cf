import { existsSync, readdirSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { readCpsc2018Record } from './cpsc2018';
import { EcgDataError } from './errors';
import { readHmicLabelFile, readHmicRecord } from './hmic';
import type { EcgRecord } from './types';
import { normalizeRecordPath, readWfdbRecord } from './wfdb';

export type RecordFormat = 'wfdb' | 'cpsc2018-mat' | 'hmic-txt';

/**
 * What kind of file a record name points at. WFDB names a record by its path without
 * extension; a path ending in .hea/.dat/.mat names the same record. A .mat with no .hea
 * beside it is an original CPSC 2018 file; a .txt is an HMIC 8-lead record.
 */
export function detectRecordFormat(nameOrPath: string): RecordFormat {
  const ext = extname(nameOrPath).toLowerCase();
  if (ext === '.txt') return 'hmic-txt';
  if (ext === '.mat' && !existsSync(nameOrPath.slice(0, -4) + '.hea')) {
    if (!existsSync(nameOrPath)) throw new EcgDataError('MISSING_FILE', nameOrPath, 'no such file');
    return 'cpsc2018-mat';
  }
  return 'wfdb';
}

export interface ReadRecordOptions {
  verify?: 'error' | 'report' | 'skip';
}

/** Read any supported record into physical units, whatever its file format. */
export function readRecord(nameOrPath: string, opts: ReadRecordOptions = {}): EcgRecord {
  switch (detectRecordFormat(nameOrPath)) {
    case 'hmic-txt': {
      const labelFile = hmicLabelFileBeside(nameOrPath);
      return readHmicRecord(nameOrPath, labelFile ? { labels: readHmicLabelFile(labelFile) } : {});
    }
    case 'cpsc2018-mat':
      return readCpsc2018Record(nameOrPath);
    case 'wfdb':
      return readWfdbRecord(normalizeRecordPath(nameOrPath), { verify: opts.verify ?? 'report' });
  }
}

/**
 * The HMIC competition ships one tab-separated label file (`hf_round1_label.txt`,
 * `hmic_label.txt`...) next to the record files; age, sex and labels live only there.
 */
export function hmicLabelFileBeside(txtPath: string): string | null {
  const dir = dirname(txtPath);
  const found = readdirSync(dir).filter((f) => /label.*\.txt$/i.test(f)).sort();
  return found.length ? join(dir, found[0]) : null;
}
