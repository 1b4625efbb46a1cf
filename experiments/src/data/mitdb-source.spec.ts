import { describe, expect, it } from 'vitest';
import { bundledSampleRoot, isBeatSymbol, listMitdbBeats, readWfdbAnnotations } from '@efficientecg/datasets';
import { join } from 'node:path';
import { buildMitdbSource } from './mitdb-source';

describe('MIT-BIH beats as model inputs (bundled records 100 and 200)', () => {
  const encoder = { age: (d: { age: number | null }) => d.age ?? -1, sex: (d: { sex: string | null }) => (d.sex === 'M' ? 0 : d.sex === 'F' ? 1 : 2) };
  const src = buildMitdbSource(bundledSampleRoot(), {
    records: ['100'],
    window: { before: 90, after: 166 },
    channels: [0, 1],
    contextBeats: 16,
    demographics: encoder,
  });
  it('one example per AAMI beat with a full window, inputs named for the model', () => {
    const refs = listMitdbBeats(bundledSampleRoot(), '100');
    expect(src.size).toBeGreaterThanOrEqual(refs.length - 2);
    expect(src.inputs.map((i) => [i.name, i.shape])).toEqual([
      ['signal', [256, 2]],
      ['beat_features', [16, 8]],
      ['beat_mask', [16, 8]],
      ['age', [1]],
      ['sex', [1]],
    ]);
    expect(src.groups.every((g) => g === '100')).toBe(true);
    expect([...src.labels!].filter((l) => l === 2)).toHaveLength(1); // record 100's single PVC
  });
  it('windows are z-scored per lead and the R peak of a normal beat sits at index 90', () => {
    const sig = src.inputs[0].data;
    const i = 50;
    const lead0 = Array.from({ length: 256 }, (_, t) => sig[i * 512 + t * 2]);
    const mean = lead0.reduce((a, b) => a + b, 0) / 256;
    const sd = Math.sqrt(lead0.reduce((a, b) => a + (b - mean) ** 2, 0) / 256);
    expect(mean).toBeCloseTo(0, 5);
    expect(sd).toBeCloseTo(1, 4);
    const argmax = lead0.indexOf(Math.max(...lead0));
    expect(Math.abs(argmax - 90)).toBeLessThanOrEqual(8);
  });
  it('beat features carry RR intervals with a mask, and demographics are encoded per record', () => {
    const f = src.inputs[1].data;
    const m = src.inputs[2].data;
    const row = 50 * 16 * 8 + 8 * 8; // the centre row of example 50 (context starts 8 beats before)
    expect(m[row]).toBe(1); // RR previous measured
    expect(f[row]).not.toBe(0);
    expect(src.inputs[3].data[0]).toBe(69);
    expect(src.inputs[4].data[0]).toBe(0);
  });
  it('with rrFeatures, each beat carries its RR ratios: the PVC of record 100 comes early and is followed by a pause', () => {
    const withRr = buildMitdbSource(bundledSampleRoot(), { records: ['100'], window: { before: 90, after: 166 }, channels: [0], contextBeats: 0, rrFeatures: true });
    expect(withRr.inputs.map((i) => [i.name, i.shape])).toEqual([
      ['signal', [256, 1]],
      ['rr_features', [5]],
    ]);
    const rr = withRr.inputs[1].data;
    const pvc = [...withRr.labels!].indexOf(2);
    expect(pvc).toBeGreaterThan(0);
    // the same beat's sample as the annotation's: columns are log(prev / record median), log(next / record median), ...
    const ann = readWfdbAnnotations(join(bundledSampleRoot(), 'mitdb', '100')).annotations.filter((a) => isBeatSymbol(a.symbol));
    const v = ann.findIndex((a) => a.symbol === 'V');
    expect(withRr.ids[pvc]).toBe(`100:${ann[v].sample}`);
    const prev = ann[v].sample - ann[v - 1].sample;
    const next = ann[v + 1].sample - ann[v].sample;
    expect(prev).toBeLessThan(next);
    expect(rr[pvc * 5]).toBeLessThan(-0.1);
    expect(rr[pvc * 5 + 1]).toBeGreaterThan(0.1);
    expect(rr[pvc * 5 + 4]).toBeCloseTo(Math.log(prev / next), 5);
  });
  it('with recordTemplate, each window carries the record\'s median beat as leads after its own, the same for every beat of a record', () => {
    const o = { records: ['100'], window: { before: 90, after: 166 }, channels: [0, 1], contextBeats: 0 };
    const plain = buildMitdbSource(bundledSampleRoot(), o);
    const withTpl = buildMitdbSource(bundledSampleRoot(), { ...o, recordTemplate: true });
    expect(withTpl.inputs.map((i) => [i.name, i.shape])).toEqual([['signal', [256, 4]]]);
    expect(withTpl.size).toBe(plain.size);
    const a = withTpl.inputs[0].data;
    const b = plain.inputs[0].data;
    for (const [i, t] of [[3, 0], [3, 90], [700, 120]]) {
      // the beat's own leads are unchanged
      expect(a[i * 1024 + t * 4]).toBe(b[i * 512 + t * 2]);
      expect(a[i * 1024 + t * 4 + 1]).toBe(b[i * 512 + t * 2 + 1]);
      // the template leads are the record's, not the beat's
      expect(a[i * 1024 + t * 4 + 2]).toBe(a[10 * 1024 + t * 4 + 2]);
      expect(a[i * 1024 + t * 4 + 3]).toBe(a[10 * 1024 + t * 4 + 3]);
    }
  });
});
