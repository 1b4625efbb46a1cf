import { describe, expect, it } from 'vitest';
import { isModelError } from '../common';
import { AGE_BIN_LABELS, AGE_UNKNOWN_BIN, SEX_UNKNOWN, encodeAge, encodeAgeScalar, encodeSex } from './patient-encoding';

describe('encodeAge', () => {
  it('maps ages to the bins <30, 30-39, ..., 70-79, 80+', () => {
    const cases: [number, string][] = [[0, '<30'], [29.9, '<30'], [30, '30-39'], [39, '30-39'], [40, '40-49'], [59, '50-59'], [69, '60-69'], [79.5, '70-79'], [80, '80+'], [104, '80+']];
    for (const [age, label] of cases) expect(AGE_BIN_LABELS[encodeAge(age, 'known')], String(age)).toBe(label);
    expect(encodeAge(45)).toBe(2); // no status: a number is a known age
  });

  it('sends missing ages to the unknown bin; 90+/unknown too unless ninetyPlusAs is oldest', () => {
    expect(AGE_UNKNOWN_BIN).toBe(7);
    expect(encodeAge(null)).toBe(AGE_UNKNOWN_BIN);
    expect(encodeAge(undefined, 'missing')).toBe(AGE_UNKNOWN_BIN);
    expect(encodeAge(55, 'missing')).toBe(AGE_UNKNOWN_BIN); // the status wins
    expect(encodeAge(null, '90+/unknown')).toBe(AGE_UNKNOWN_BIN);
    expect(AGE_BIN_LABELS[encodeAge(null, '90+/unknown', { ninetyPlusAs: 'oldest' })]).toBe('80+');
  });

  it('rejects impossible ages and statuses with typed errors', () => {
    for (const bad of [-1, NaN, Infinity, 200]) {
      try {
        encodeAge(bad, 'known');
        expect.unreachable(String(bad));
      } catch (e) {
        expect(isModelError(e, 'BAD_CONFIG')).toBe(true);
      }
    }
    expect(() => encodeAge(50, 'approx' as never)).toThrow(/ageStatus/);
  });
});

describe('encodeAgeScalar', () => {
  it('gives [(age - 60) / 20, 1] for a known age and [0, 0] for a missing one', () => {
    expect(encodeAgeScalar(80, 'known')).toEqual([1, 1]);
    expect(encodeAgeScalar(50, undefined, { mean: 50, std: 10 })).toEqual([0, 1]);
    expect(encodeAgeScalar(null)).toEqual([0, 0]);
    expect(encodeAgeScalar(null, '90+/unknown')).toEqual([0, 0]);
    expect(encodeAgeScalar(null, '90+/unknown', { ninetyPlusAs: 'oldest' })).toEqual([1.5, 1]);
    expect(() => encodeAgeScalar(50, 'known', { std: 0 })).toThrow(/std/);
  });
});

describe('encodeSex', () => {
  it('M -> 0, F -> 1, missing -> 2 (its own embedding row)', () => {
    expect([encodeSex('M'), encodeSex('F'), encodeSex(null), encodeSex(undefined)]).toEqual([0, 1, SEX_UNKNOWN, SEX_UNKNOWN]);
    expect(() => encodeSex('X' as never)).toThrow(/'M', 'F' or null/);
  });
});
