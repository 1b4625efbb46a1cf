import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledSampleRoot, resolveDataRoot } from '@efficientecg/datasets';
import type { ReproductionStep } from './context';
import { reproduce } from './run';

const tmp = mkdtempSync(join(tmpdir(), 'ecg-reproduce-run-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const table = (id: string) => ({ id, title: id, notes: [], columns: ['a'], rows: [[1]] });

describe('reproduce()', () => {
  it("removes a step's own tables that it no longer writes, and nothing else", async () => {
    const out = join(tmp, 'results');
    const step = (ids: string[]): ReproductionStep => ({ name: 'runs', description: 'test step', ownsTablePrefix: 'runs-', run: () => ({ tables: ids.map(table), notes: [] }) });
    const dataRoot = resolveDataRoot(bundledSampleRoot());
    await reproduce({ dataRoot, steps: [step(['runs-a', 'runs-b'])], seed: 0, full: false, outDir: out });
    writeFileSync(join(out, 'params-x.csv'), 'a\n1\n'); // another step's table
    expect(existsSync(join(out, 'runs-b.md'))).toBe(true);
    const summary = await reproduce({ dataRoot, steps: [step(['runs-a'])], seed: 0, full: false, outDir: out });
    expect(summary.steps[0].tables.map((t) => t.id)).toEqual(['runs-a']);
    expect(existsSync(join(out, 'runs-a.csv'))).toBe(true);
    expect(existsSync(join(out, 'runs-b.csv'))).toBe(false);
    expect(existsSync(join(out, 'runs-b.md'))).toBe(false);
    expect(existsSync(join(out, 'params-x.csv'))).toBe(true);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).not.toMatch(/runs-b/);
  });
});
