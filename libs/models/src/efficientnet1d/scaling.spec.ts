import { describe, expect, it } from 'vitest';
import { isModelError } from '../common/errors';
import { roundFilters, roundRepeats, sameOutputLength, scaleKernel } from './scaling';

// Expected values computed with Keras' own round_filters / round_repeats (keras/applications/
// efficientnet.py, copied into python3) for the B0 widths at the published coefficients.
const B0_WIDTHS = [16, 24, 32, 40, 80, 112, 192, 320, 1280];
const KERAS_ROUND_FILTERS: Record<string, number[]> = {
  '0.25': [8, 8, 8, 16, 24, 32, 48, 80, 320],
  '0.5': [8, 16, 16, 24, 40, 56, 96, 160, 640],
  '1': [16, 24, 32, 40, 80, 112, 192, 320, 1280],
  '1.1': [16, 24, 32, 48, 88, 120, 208, 352, 1408],
  '1.2': [24, 32, 40, 48, 96, 136, 232, 384, 1536],
  '1.4': [24, 32, 48, 56, 112, 160, 272, 448, 1792],
  '1.8': [32, 40, 56, 72, 144, 200, 344, 576, 2304],
  '2': [32, 48, 64, 80, 160, 224, 384, 640, 2560],
};
const KERAS_ROUND_REPEATS: Record<string, number[]> = {
  '0.5': [1, 1, 2, 2],
  '1.1': [2, 3, 4, 5],
  '1.2': [2, 3, 4, 5],
  '1.4': [2, 3, 5, 6],
  '1.8': [2, 4, 6, 8],
  '2.2': [3, 5, 7, 9],
  '2.6': [3, 6, 8, 11],
  '3.1': [4, 7, 10, 13],
};

describe('roundFilters (Keras round_filters)', () => {
  for (const [width, expected] of Object.entries(KERAS_ROUND_FILTERS)) {
    it(`width ${width}`, () => {
      expect(B0_WIDTHS.map((f) => roundFilters(f, Number(width)))).toEqual(expected);
    });
  }
  it('applies the 10 % rule and the divisor floor', () => {
    expect(roundFilters(11, 1)).toBe(16); // nearest multiple 8 loses > 10 % of 11 -> one up
    expect(roundFilters(12, 1)).toBe(16); // int(12 + 4) // 8 * 8
    expect(roundFilters(4, 1)).toBe(8); // never below the divisor
    expect(roundFilters(20, 1, 4)).toBe(20);
  });
  it('rejects impossible arguments', () => {
    expect(() => roundFilters(0, 1)).toThrow(/roundFilters/);
    expect(() => roundFilters(32, -1)).toThrow();
  });
});

describe('roundRepeats (Keras round_repeats = ceil)', () => {
  for (const [depth, expected] of Object.entries(KERAS_ROUND_REPEATS)) {
    it(`depth ${depth}`, () => {
      expect([1, 2, 3, 4].map((r) => roundRepeats(r, Number(depth)))).toEqual(expected);
    });
  }
});

describe('scaleKernel', () => {
  it('rounds kernel * scale up to the next odd integer', () => {
    expect(scaleKernel(3, 1)).toBe(3);
    expect(scaleKernel(5, 1)).toBe(5);
    expect(scaleKernel(3, 2)).toBe(7);
    expect(scaleKernel(5, 2)).toBe(11);
    expect(scaleKernel(3, 1.5)).toBe(5);
    expect(scaleKernel(3, 1.1)).toBe(5); // 3.3 -> 4 -> 5
    expect(scaleKernel(5, 3)).toBe(15);
    expect(scaleKernel(5, 0.5)).toBe(3);
    expect(scaleKernel(3, 0.2)).toBe(1);
  });
  it('throws a typed error for a bad scale', () => {
    let caught: unknown;
    try {
      scaleKernel(3, 0);
    } catch (e) {
      caught = e;
    }
    expect(isModelError(caught, 'BAD_CONFIG')).toBe(true);
  });
});

describe('sameOutputLength', () => {
  it('is ceil(length / stride)', () => {
    expect(sameOutputLength(256, 2)).toBe(128);
    expect(sameOutputLength(3001, 2)).toBe(1501);
    expect(sameOutputLength(7, 1)).toBe(7);
  });
});
