import { describe, expect, it } from 'vitest';
import { bundledSampleRoot, testDataRoot } from '../data-root';
import { datasetRegistry } from './registry';

const total = (rows: { counts: Record<string, number> }[], cls: string) => rows.reduce((n, r) => n + (r.counts[cls] ?? 0), 0);

describe('datasetRegistry on the bundled sample', () => {
  const root = bundledSampleRoot();
  it('knows the four data sets and finds each in the sample', () => {
    expect(Object.keys(datasetRegistry)).toEqual(['mitdb', 'cinc2017', 'ptbxl', 'cinc2021']);
    for (const d of Object.values(datasetRegistry)) expect(d.isPresent(root)).toBe(true);
    expect(datasetRegistry.mitdb.isPresent('/nonexistent')).toBe(false);
  });
  it('summaries count what the sample holds', () => {
    const mitdb = datasetRegistry.mitdb.summarize(root, { seed: 0 });
    expect(mitdb.tasks[0].rows.map((r) => r.records)).toEqual([0, 0, 2]);
    expect(mitdb.notes.join(' ')).toMatch(/42 of 44/);
    const ptbxl = datasetRegistry.ptbxl.summarize(root, { seed: 0 });
    expect(total(ptbxl.tasks[0].rows, 'Normal') + total(ptbxl.tasks[0].rows, 'Abnormal')).toBe(40);
    expect(ptbxl.demographics).toHaveLength(40);
    const cinc2021 = datasetRegistry.cinc2021.summarize(root, { seed: 0 });
    expect(cinc2021.tasks[0].rows[0].records).toBe(6);
    expect(datasetRegistry.cinc2017.summarize(root, { seed: 0 }).demographics).toBeNull();
  });
});

describe.skipIf(!testDataRoot())('datasetRegistry on the shared data', () => {
  it('PTB-XL: 999 records, 532 Normal; superclasses over the 607 with folds', () => {
    const s = datasetRegistry.ptbxl.summarize(testDataRoot()!, { seed: 0 });
    expect(total(s.tasks[0].rows, 'Normal')).toBe(532);
    expect(total(s.tasks[0].rows, 'Abnormal')).toBe(467);
    expect(s.tasks[1].rows.reduce((n, r) => n + r.records, 0)).toBe(607);
    expect(['NORM', 'STTC', 'MI', 'CD', 'HYP', 'none'].map((c) => total(s.tasks[1].rows, c))).toEqual([321, 148, 112, 107, 60, 12]);
  });
  it('CinC 2021 sample: 50 records, 27 F / 23 M', () => {
    const s = datasetRegistry.cinc2021.summarize(testDataRoot()!, { seed: 0 });
    expect(s.demographics!.filter((d) => d.sex === 'F')).toHaveLength(27);
    expect(s.demographics!.filter((d) => d.sex === 'M')).toHaveLength(23);
  });
});
