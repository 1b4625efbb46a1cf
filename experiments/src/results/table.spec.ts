import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableToCsv, tableToMarkdown, writeResultTable, type ResultTable } from './table';

const t: ResultTable = {
  id: 'demo',
  title: 'Demo',
  notes: ['a note'],
  columns: ['set', 'records', 'share'],
  rows: [['mitdb, DS1', 22, 0.4567], ['a|b', 3, null]],
};

describe('result tables', () => {
  it('writes CSV with quoting and empty cells for missing values', () => {
    expect(tableToCsv(t)).toBe('set,records,share\n"mitdb, DS1",22,0.4567\na|b,3,\n');
  });

  it('writes Markdown with right-aligned numeric columns and escaped pipes', () => {
    const md = tableToMarkdown(t);
    expect(md).toContain('| set | records | share |\n|---|---:|---:|');
    expect(md).toContain('| mitdb, DS1 | 22 | 0.457 |');
    expect(md).toContain('| a\\|b | 3 |  |');
    expect(md).toContain('- a note');
  });

  it('leaves no temporary files behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tables-'));
    writeResultTable(dir, t);
    expect(readdirSync(dir).sort()).toEqual(['demo.csv', 'demo.md']);
    expect(readFileSync(join(dir, 'demo.csv'), 'utf8')).toBe(tableToCsv(t));
    rmSync(dir, { recursive: true });
  });
});
