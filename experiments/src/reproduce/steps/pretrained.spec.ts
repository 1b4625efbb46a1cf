import { describe, expect, it } from 'vitest';
import { mitdbVsPublishedTable, pretrainedTargetRows } from './pretrained';

describe('pretrainedTargetRows', () => {
  const ci = (estimate: number, low: number, high: number) => ({ estimate, low, high, level: 0.95, iterations: 500, unit: 'records', undefinedResamples: 0 });
  it("compares each model's headline metric with its target and shows the CI", () => {
    expect(pretrainedTargetRows('cinc2017', { accuracy: ci(0.9, 0.8, 0.95), cinc2017Score: ci(0.7123, 0.65, 0.76) })).toEqual([
      ['pretrained/cinc2017', 'CinC 2017 challenge score F1(N,A,O), test split', 0.8, 0.712, '0.65-0.76', 'not met'],
    ]);
    const [row] = pretrainedTargetRows('mitdb', { aamiAccuracy: ci(0.9301, 0.9, 0.96), accuracy: ci(0.5, 0.4, 0.6) });
    expect(row.slice(2)).toEqual([0.93, 0.93, '0.9-0.96', 'met']);
  });
  it('gives no row for a model without a target or without the metric', () => {
    expect(pretrainedTargetRows('ptbxl', { accuracy: ci(1, 1, 1) })).toEqual([]);
    expect(pretrainedTargetRows('mitdb', { accuracy: ci(1, 1, 1) })).toEqual([]);
  });
});

describe('mitdbVsPublishedTable', () => {
  // DS2-sized counts: rows true N, S, V, F; columns predicted N, S, V, F.
  const confusion = [
    [40000, 200, 300, 10],
    [1500, 300, 30, 7],
    [400, 20, 2800, 0],
    [300, 0, 80, 8],
  ];
  it("sets the model's S and V Se/+P beside the published methods, blank where no source was read", async () => {
    const { aamiMeasures } = await import('@efficientecg/models');
    const aami = aamiMeasures(confusion);
    const t = mitdbVsPublishedTable(aami);
    expect(t.columns).toEqual(['method', 'accuracy', 'jk index', 'Se S', '+P S', 'Se V', '+P V']);
    const ours = t.rows[t.rows.length - 1];
    expect(ours[0]).toBe('this workspace (pretrained/mitdb)');
    expect(ours.slice(3)).toEqual([Number((300 / 1837).toFixed(3)), Number((300 / 520).toFixed(3)), Number((2800 / 3220).toFixed(3)), Number((2800 / 3130).toFixed(3))]);
    const deChazal = t.rows.find((r) => r[0] === 'de Chazal et al. 2004');
    expect(deChazal?.slice(1)).toEqual([0.862, 0.612, 0.759, 0.385, 0.777, 0.819]);
    const mondejar = t.rows.find((r) => r[0] === 'Mondejar-Guerra et al. 2019');
    expect(mondejar?.slice(3)).toEqual([null, null, null, null]);
    expect(t.notes.join(' ')).toMatch(/Left blank for Mondejar-Guerra et al\. 2019/);
  });
});
