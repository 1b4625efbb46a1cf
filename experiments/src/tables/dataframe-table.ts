/**
 * danfojs DataFrames as results tables: the notebooks compute with DataFrames, and every
 * table they show is also written as CSV (for code) and Markdown (for people), in the same
 * format as `ecg reproduce` (experiments/src/results/table.ts).
 */
import { join } from 'node:path';
import type { DataFrame } from 'danfojs-node';
import { workspaceRoot, writeFileAtomic, type ResolvedDataRoot } from '@efficientecg/datasets';
import { tableToCsv, tableToMarkdown, writeResultTable, type Cell, type ResultTable } from '../results/table';

export interface TableMeta {
  /** File name without extension ("mitdb-rpeaks"). */
  id: string;
  title: string;
  /** Where the numbers come from and how to read them (printed under the Markdown table). */
  notes?: string[];
  /**
   * Decimal places per column in the Markdown (the CSV keeps full precision). Columns not
   * listed print as `ecg reproduce` prints them (integers as is, else 3 decimals below 1, 1 above).
   */
  digits?: Record<string, number>;
}

/** The columns and rows a DataFrame holds (only what the writers need: no danfojs import at run time). */
type DataFrameLike = Pick<DataFrame, 'columns' | 'values'>;

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

export function dataFrameToResultTable(df: DataFrameLike, meta: TableMeta): ResultTable {
  const values = df.values as unknown[];
  // A one-column frame may hold a flat array of values instead of rows.
  const rows = values.map((r) => (Array.isArray(r) ? r.map(toCell) : [toCell(r)]));
  return { id: meta.id, title: meta.title, notes: meta.notes ?? [], columns: df.columns.map(String), rows };
}

export function dataFrameToMarkdown(df: DataFrameLike, meta: TableMeta): string {
  const t = dataFrameToResultTable(df, meta);
  const digits = meta.digits ?? {};
  const fixed = t.columns.map((c) => digits[c]);
  if (fixed.every((d) => d === undefined)) return tableToMarkdown(t);
  // Format the chosen columns, then restore right alignment for the columns that held numbers.
  const numeric = t.columns.map((_, i) => t.rows.some((r) => typeof r[i] === 'number'));
  const rows = t.rows.map((r) => r.map((c, i) => (typeof c === 'number' && fixed[i] !== undefined ? c.toFixed(fixed[i]) : c)));
  const lines = tableToMarkdown({ ...t, rows }).split('\n');
  const rule = lines.findIndex((l) => /^\|(-{3}:?\|)+$/.test(l));
  if (rule >= 0) lines[rule] = `|${numeric.map((n) => (n ? '---:' : '---')).join('|')}|`;
  return lines.join('\n');
}

export function dataFrameToCsv(df: DataFrameLike, meta: Pick<TableMeta, 'id'> = { id: 'table' }): string {
  return tableToCsv(dataFrameToResultTable(df, { ...meta, title: meta.id }));
}

/** Write `<dir>/<id>.csv` and `<dir>/<id>.md` atomically; returns both paths. */
export function writeDataFrameTable(dir: string, df: DataFrameLike, meta: TableMeta): string[] {
  if (!meta.digits) return writeResultTable(dir, dataFrameToResultTable(df, meta));
  const csv = join(dir, `${meta.id}.csv`);
  const md = join(dir, `${meta.id}.md`);
  writeFileAtomic(csv, dataFrameToCsv(df, meta));
  writeFileAtomic(md, dataFrameToMarkdown(df, meta));
  return [csv, md];
}

/** results/tables/, or results/sample/tables/ on the bundled sample. */
export function defaultTablesDir(dataRoot: Pick<ResolvedDataRoot, 'source'>, root: string = workspaceRoot()): string {
  return join(root, 'results', ...(dataRoot.source === 'bundled-sample' ? ['sample'] : []), 'tables');
}

/** Column-major records -> the object danfojs' DataFrame constructor takes. */
export function columnsOf<T extends Record<string, unknown>>(rows: readonly T[], columns: readonly (keyof T & string)[]): Record<string, unknown[]> {
  return Object.fromEntries(columns.map((c) => [c, rows.map((r) => r[c])]));
}
