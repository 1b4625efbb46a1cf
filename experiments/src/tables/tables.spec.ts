import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFrame } from 'danfojs-node';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { columnsOf, dataFrameToMarkdown, defaultTablesDir, writeDataFrameTable } from '.';

const dir = mkdtempSync(join(tmpdir(), 'tables-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = [
  { record: '100', beats: 2273, se: 99.95601, ppv: 100 },
  { record: '200', beats: 2601, se: 99.61553, ppv: 99.80737 },
];

describe('danfojs tables', () => {
  const df = new DataFrame(columnsOf(rows, ['record', 'beats', 'se', 'ppv']));

  it('writes CSV with full precision and Markdown with the chosen decimals', () => {
    const [csv, md] = writeDataFrameTable(dir, df, { id: 'rpeaks', title: 'R peaks', notes: ['two records'], digits: { se: 2, ppv: 2 } });
    const parsed = Papa.parse<string[]>(readFileSync(csv, 'utf8').trim()).data;
    expect(parsed).toEqual([
      ['record', 'beats', 'se', 'ppv'],
      ['100', '2273', '99.95601', '100'],
      ['200', '2601', '99.61553', '99.80737'],
    ]);
    expect(readFileSync(md, 'utf8')).toBe(
      ['### R peaks', '', '| record | beats | se | ppv |', '|---|---:|---:|---:|', '| 100 | 2273 | 99.96 | 100.00 |', '| 200 | 2601 | 99.62 | 99.81 |', '', '- two records', ''].join('\n'),
    );
  });

  it('without digits prints numbers as ecg reproduce does', () => {
    expect(dataFrameToMarkdown(df, { id: 'x', title: 'X' })).toContain('| 200 | 2601 | 99.6 | 99.8 |');
  });

  it('writes results of the bundled sample apart from real ones', () => {
    expect(defaultTablesDir({ source: 'bundled-sample' }, '/repo')).toBe(join('/repo', 'results', 'sample', 'tables'));
    expect(defaultTablesDir({ source: 'flag' }, '/repo')).toBe(join('/repo', 'results', 'tables'));
  });
});
