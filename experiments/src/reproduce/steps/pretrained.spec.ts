import { describe, expect, it } from 'vitest';
import { pretrainedTargetRows } from './pretrained';

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
