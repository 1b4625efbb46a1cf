import { describe, expect, it } from 'vitest';
import type { BeatFeatures } from './beat-features';
import { PHYSIOLOGICAL_NORMALIZATION, beatFeatureSequence, fitFeatureNormalization } from './sequence';

/** Hand-made beats: beat k has R at 100k; beats 0 and 3 lack a P wave, beat 0 has no rrPrev. */
function beats(n: number): BeatFeatures[] {
  return Array.from({ length: n }, (_, k) => ({
    rPeak: 100 * k,
    rrPrev: k === 0 ? null : 0.8 + 0.01 * k,
    rrNext: k === n - 1 ? null : 0.8 + 0.01 * (k + 1),
    rrLocalMean: k === 0 ? null : 0.8,
    rAmplitude: 1 + 0.1 * k,
    pPresent: k % 3 !== 0,
    pAmplitude: k % 3 !== 0 ? 0.1 : null,
    pDuration: k % 3 !== 0 ? 0.1 : null,
    prInterval: k % 3 !== 0 ? 0.16 : null,
  }));
}

const row = (values: Float32Array, r: number) => Array.from(values.subarray(r * 8, r * 8 + 8));

describe('beatFeatureSequence', () => {
  it('pads at the end with zeros and mask 0; missing values are zero with mask 0', () => {
    const seq = beatFeatureSequence(beats(4), { length: 6 });
    expect(seq.values).toHaveLength(48);
    expect(seq.mask).toHaveLength(48);
    expect(Array.from(seq.beatMask)).toEqual([1, 1, 1, 1, 0, 0]);
    expect(Array.from(seq.rPeaks)).toEqual([0, 100, 200, 300, -1, -1]);
    // beat 0: rrPrev, rrLocalMean, P features missing; pPresent is a real 0
    expect(Array.from(seq.mask.subarray(0, 8))).toEqual([0, 1, 0, 1, 1, 0, 0, 0]);
    expect(row(seq.values, 0)).toEqual([0, Math.fround(0.81), 0, 1, 0, 0, 0, 0]);
    // beat 1: everything present
    expect(Array.from(seq.mask.subarray(8, 16))).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(row(seq.values, 1)).toEqual([0.81, 0.82, 0.8, 1.1, 1, 0.1, 0.1, 0.16].map(Math.fround));
    // beat 3 (last): no rrNext, no P
    expect(Array.from(seq.mask.subarray(24, 32))).toEqual([1, 0, 1, 1, 1, 0, 0, 0]);
    // padding rows
    expect(Array.from(seq.mask.subarray(32))).toEqual(new Array(16).fill(0));
    expect(Array.from(seq.values.subarray(32))).toEqual(new Array(16).fill(0));
    expect(seq.names).toEqual(['rrPrev', 'rrNext', 'rrLocalMean', 'rAmplitude', 'pPresent', 'pAmplitude', 'pDuration', 'prInterval']);
  });

  it('pads at the start when asked', () => {
    const seq = beatFeatureSequence(beats(2), { length: 4, pad: 'start' });
    expect(Array.from(seq.beatMask)).toEqual([0, 0, 1, 1]);
    expect(Array.from(seq.rPeaks)).toEqual([-1, -1, 0, 100]);
  });

  it.each([
    { crop: 'first' as const, expected: [0, 100, 200] },
    { crop: 'last' as const, expected: [600, 700, 800] },
    { crop: 'centre' as const, expected: [300, 400, 500] },
  ])('crops to $crop beats', ({ crop, expected }) => {
    const seq = beatFeatureSequence(beats(9), { length: 3, crop });
    expect(Array.from(seq.rPeaks)).toEqual(expected);
    expect(Array.from(seq.beatMask)).toEqual([1, 1, 1]);
  });

  it('normalizes present values only; padding and missing stay 0', () => {
    const seq = beatFeatureSequence(beats(2), { length: 3, normalize: 'physiological' });
    const { mean, std } = PHYSIOLOGICAL_NORMALIZATION;
    expect(seq.values[1]).toBeCloseTo((0.81 - mean[1]) / std[1], 6);
    expect(seq.values[0]).toBe(0); // rrPrev missing for the first beat
    expect(seq.values[8 + 3]).toBeCloseTo((1.1 - mean[3]) / std[3], 6);
    expect(seq.values[8 + 4]).toBe(1); // presence flag unchanged
    expect(Array.from(seq.values.subarray(16))).toEqual(new Array(8).fill(0));
  });

  it('fits a normalization over non-null values, std 1 for constant features', () => {
    const n = fitFeatureNormalization([beats(6)]);
    expect(n.mean[2]).toBeCloseTo(0.8, 12); // rrLocalMean, first beat's null skipped
    expect(n.std[2]).toBe(1); // constant
    expect(n.mean[4]).toBeCloseTo(4 / 6, 12); // presence flag counts every beat
    const seq = beatFeatureSequence(beats(6), { length: 6, normalize: n });
    expect(seq.values[8 * 1 + 3]).toBeCloseTo((1.1 - n.mean[3]) / n.std[3], 5);
  });

  it('handles an empty beat list and rejects bad options', () => {
    const seq = beatFeatureSequence([], { length: 2 });
    expect(Array.from(seq.beatMask)).toEqual([0, 0]);
    expect(() => beatFeatureSequence(beats(2), { length: 0 })).toThrow(/length must be a positive integer/);
    expect(() => beatFeatureSequence(beats(2), { length: 2, crop: 'middle' as never })).toThrow(/crop/);
    expect(() => beatFeatureSequence(beats(2), { length: 2, normalize: { mean: [0], std: [1] } })).toThrow(/normalize/);
    expect(() => beatFeatureSequence(beats(2), { length: 2, normalize: { mean: new Array(8).fill(0), std: new Array(8).fill(0) } })).toThrow(/std > 0/);
  });
});
