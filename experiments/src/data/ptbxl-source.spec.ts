import { describe, expect, it } from 'vitest';
import { bundledSampleRoot, loadPtbxlIndex } from '@efficientecg/datasets';
import { buildPtbxlSource } from './ptbxl-source';

describe('PTB-XL records as model inputs (bundled sample, 40 records)', () => {
  const entries = loadPtbxlIndex(bundledSampleRoot());
  const encoder = { age: (d: { age: number | null }) => d.age ?? -1, sex: (d: { sex: string | null }) => (d.sex === 'M' ? 0 : d.sex === 'F' ? 1 : 2) };
  it('Normal vs Abnormal: 12 leads x 1000 samples, 2 classes, groups are patients', () => {
    const src = buildPtbxlSource(entries, { task: 'normal-abnormal', leadSet: '12', contextBeats: 12, demographics: encoder });
    expect(src.size).toBe(40);
    expect(src.inputs.map((i) => [i.name, i.shape])).toEqual([
      ['signal', [1000, 12]],
      ['beat_features', [12, 8]],
      ['beat_mask', [12, 8]],
      ['age', [1]],
      ['sex', [1]],
    ]);
    expect([...src.labels!].filter((l) => l === 0)).toHaveLength(20);
    // most 10-s records have 8-20 beats found on lead II
    const beatRows = (i: number) => {
      let rows = 0;
      for (let r = 0; r < 12; r++) if (src.inputs[2].data[i * 96 + r * 8] === 1 || src.inputs[2].data[i * 96 + r * 8 + 3] === 1) rows++;
      return rows;
    };
    const found = Array.from({ length: 40 }, (_, i) => beatRows(i));
    expect(found.filter((r) => r >= 6).length).toBeGreaterThanOrEqual(36);
  });
  it('resamples to the configured rate after cleaning (100 -> 50 Hz: 500 samples), beat features still found', () => {
    const src = buildPtbxlSource(entries.slice(0, 4), { task: 'normal-abnormal', leadSet: '12', fs: 50, contextBeats: 12 });
    expect(src.inputs[0].shape).toEqual([500, 12]);
    const rrPresent = Array.from({ length: 4 }, (_, i) => src.inputs[2].data[i * 96 + 8]);
    expect(rrPresent.filter((m) => m === 1).length).toBeGreaterThanOrEqual(3);
  });
  it('superclasses on the HMIC 8-lead layout: multi-hot targets', () => {
    const withFolds = entries.filter((e) => e.stratFold !== null);
    const src = buildPtbxlSource(withFolds, { task: 'superclasses', leadSet: 'hmic8', contextBeats: 0 });
    expect(src.inputs.map((i) => i.shape)).toEqual([[1000, 8]]);
    expect(src.multiHot!.length).toBe(withFolds.length * 5);
    expect(src.labels).toBeNull();
  });
});
