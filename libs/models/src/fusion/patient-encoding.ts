import { ModelError } from '../common';

/** Same values as libs/datasets' AgeStatus (kept as a local type: libs/models does not need the readers). */
export type AgeStatus = 'known' | 'missing' | '90+/unknown';

/** Age-bin boundaries (years): <30, 30-39, 40-49, 50-59, 60-69, 70-79, 80+. */
export const AGE_BIN_EDGES: readonly number[] = [30, 40, 50, 60, 70, 80];
export const AGE_BIN_LABELS: readonly string[] = ['<30', '30-39', '40-49', '50-59', '60-69', '70-79', '80+', 'unknown'];
/** Index of the "unknown" age bin (its own embedding row). */
export const AGE_UNKNOWN_BIN = AGE_BIN_LABELS.length - 1;
/** Embedding rows of the age-bin table (7 known bins + unknown). */
export const AGE_BIN_COUNT = AGE_BIN_LABELS.length;

export const SEX_LABELS: readonly string[] = ['M', 'F', 'unknown'];
export const SEX_UNKNOWN = 2;
export const SEX_COUNT = SEX_LABELS.length;

export interface AgeEncodingOptions {
  /**
   * What the status '90+/unknown' (PTB-XL's 300, MIT-BIH's placeholder) becomes. Default
   * 'unknown': the source uses one code for "over 89" and for "withheld", so the age is not
   * known. 'oldest' treats it as over 89 (the 80+ bin; age 90 in scalar mode).
   */
  ninetyPlusAs?: 'unknown' | 'oldest';
}

/** Age -> bin index 0..6, or AGE_UNKNOWN_BIN (7) for a missing age (null, status 'missing', '90+/unknown' by default). */
export function encodeAge(age: number | null | undefined, ageStatus?: AgeStatus, options: AgeEncodingOptions = {}): number {
  const years = resolveAge(age, ageStatus, options);
  if (years === null) return AGE_UNKNOWN_BIN;
  let bin = 0;
  while (bin < AGE_BIN_EDGES.length && years >= AGE_BIN_EDGES[bin]) bin++;
  return bin;
}

export interface AgeScalarOptions extends AgeEncodingOptions {
  /** (age - mean) / std; defaults 60 and 20 years (roughly PTB-XL's adult distribution). */
  mean?: number;
  std?: number;
}

/**
 * Age for the 'scalar' age encoding: [normalised age, known flag]. A missing age is [0, 0] and
 * the model swaps in its learned "unknown" token, so no fake age is ever fed in.
 */
export function encodeAgeScalar(age: number | null | undefined, ageStatus?: AgeStatus, options: AgeScalarOptions = {}): [number, number] {
  const years = resolveAge(age, ageStatus, options);
  if (years === null) return [0, 0];
  const mean = options.mean ?? 60;
  const std = options.std ?? 20;
  if (!(std > 0)) throw new ModelError('BAD_CONFIG', 'encodeAgeScalar.std', `must be > 0, got ${std}`);
  return [(years - mean) / std, 1];
}

/** 'M' -> 0, 'F' -> 1, null/undefined -> SEX_UNKNOWN (2). */
export function encodeSex(sex: 'M' | 'F' | null | undefined): number {
  if (sex === 'M') return 0;
  if (sex === 'F') return 1;
  if (sex === null || sex === undefined) return SEX_UNKNOWN;
  throw new ModelError('BAD_CONFIG', 'encodeSex', `sex must be 'M', 'F' or null, got ${JSON.stringify(sex)}`);
}

function resolveAge(age: number | null | undefined, status: AgeStatus | undefined, options: AgeEncodingOptions): number | null {
  if (status === '90+/unknown') return (options.ninetyPlusAs ?? 'unknown') === 'oldest' ? 90 : null;
  if (status === 'missing' || age === null || age === undefined) return null;
  if (status !== undefined && status !== 'known') throw new ModelError('BAD_CONFIG', 'encodeAge', `unknown ageStatus ${JSON.stringify(status)}`);
  if (!Number.isFinite(age) || age < 0 || age > 130) throw new ModelError('BAD_CONFIG', 'encodeAge', `age must be a number of years in [0, 130] or null, got ${age}`);
  return age;
}
