import Papa from 'papaparse';
import { join } from 'node:path';
import { writeFileAtomic } from '@efficientecg/datasets';

export type Cell = string | number | null;

/** A results table: the unit `ecg reproduce` writes as CSV (for code) and Markdown (for people). */
export interface ResultTable {
  id: string;
  title: string;
  /** Where the numbers come from and how to read them; printed under the Markdown table. */
  notes: string[];
  columns: string[];
  rows: Cell[][];
}

/** An estimate with its 95 % CI as a table cell, `0.812 [0.770, 0.850]`; `signed` adds + to a non-negative difference. */
export function formatCiCell(ci: { estimate: number; low: number; high: number }, signed = false): string {
  return `${signed && ci.estimate >= 0 ? '+' : ''}${ci.estimate.toFixed(3)} [${ci.low.toFixed(3)}, ${ci.high.toFixed(3)}]`;
}

function formatCell(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'number') return Number.isInteger(c) ? String(c) : c.toFixed(Math.abs(c) < 1 ? 3 : 1);
  return c;
}

export function tableToCsv(t: ResultTable): string {
  return Papa.unparse({ fields: t.columns, data: t.rows.map((r) => r.map((c) => (c === null ? '' : c))) }, { newline: '\n' }) + '\n';
}

export function tableToMarkdown(t: ResultTable): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    `### ${t.title}`,
    '',
    `| ${t.columns.map(esc).join(' | ')} |`,
    `|${t.columns.map((_, i) => (t.rows.some((r) => typeof r[i] === 'number') ? '---:' : '---')).join('|')}|`,
    ...t.rows.map((r) => `| ${r.map((c) => esc(formatCell(c))).join(' | ')} |`),
  ];
  if (t.notes.length) lines.push('', ...t.notes.map((n) => `- ${n}`));
  return lines.join('\n') + '\n';
}

/** Write `<dir>/<id>.csv` and `<dir>/<id>.md` atomically; returns the two paths. */
export function writeResultTable(dir: string, t: ResultTable): string[] {
  const csv = join(dir, `${t.id}.csv`);
  const md = join(dir, `${t.id}.md`);
  writeFileAtomic(csv, tableToCsv(t));
  writeFileAtomic(md, tableToMarkdown(t));
  return [csv, md];
}
