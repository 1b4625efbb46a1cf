import { existsSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { EcgDataError } from '../../errors';

/** A CSV file with a header line, rows keyed by column name (all values as text). */
export interface CsvTable {
  file: string;
  columns: string[];
  rows: Record<string, string>[];
}

/**
 * Read a header-line CSV and check that `required` columns are there, so a renamed
 * or truncated metadata file fails with the file and the column named, not with an
 * undefined field three modules later.
 */
export function readCsvTable(file: string, required: readonly string[], what = 'table'): CsvTable {
  if (!existsSync(file)) throw new EcgDataError('MISSING_FILE', file, `${what} not found`);
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: 'greedy' });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) throw new EcgDataError('BAD_LABEL_FILE', file, `CSV error on line ${(quoteError.row ?? 0) + 1}: ${quoteError.message}`);
  const [header, ...body] = parsed.data;
  if (!header) throw new EcgDataError('BAD_LABEL_FILE', file, `${what} is empty (no header line)`);
  const columns = header.map((c) => c.trim());
  for (const c of required) {
    if (!columns.includes(c)) throw new EcgDataError('BAD_LABEL_FILE', file, `${what} has no column "${c}" (columns: ${columns.join(', ')})`);
  }
  const rows = body.map((cells, i) => {
    if (cells.length !== columns.length) {
      throw new EcgDataError('BAD_LABEL_FILE', file, `data row ${i + 1}: ${cells.length} fields, the header has ${columns.length}`);
    }
    const row: Record<string, string> = {};
    columns.forEach((c, j) => (row[c] = cells[j].trim()));
    return row;
  });
  return { file, columns, rows };
}
