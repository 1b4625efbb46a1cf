import { EcgDataError } from '../errors';
import { createRng, shuffled } from '../random';

/** The three sides of every split in this workspace. */
export type SplitName = 'train' | 'validation' | 'test';
export const SPLIT_NAMES: readonly SplitName[] = Object.freeze(['train', 'validation', 'test']);

export interface Split<T> {
  train: T[];
  validation: T[];
  test: T[];
}

/** Fractions of train / validation / test; they must be >= 0 and sum to 1. */
export type SplitFractions = readonly [number, number, number];

export function checkFractions(fractions: SplitFractions, where = 'split'): void {
  const sum = fractions[0] + fractions[1] + fractions[2];
  if (fractions.some((f) => !(f >= 0)) || Math.abs(sum - 1) > 1e-9) {
    throw new EcgDataError('BAD_ARGUMENT', where, `split fractions must be >= 0 and sum to 1, got [${fractions.join(', ')}]`);
  }
}

/**
 * Cut n items into three counts by largest remainder, so that the counts always
 * sum to n and no side gets more than one item more than its share.
 */
export function splitCounts(n: number, fractions: SplitFractions): [number, number, number] {
  const exact = fractions.map((f) => f * n);
  const counts = exact.map(Math.floor) as [number, number, number];
  let left = n - counts[0] - counts[1] - counts[2];
  const order = [0, 1, 2].sort((a, b) => exact[b] - counts[b] - (exact[a] - counts[a]) || a - b);
  for (const i of order) {
    if (left === 0) break;
    counts[i]++;
    left--;
  }
  return counts;
}

/**
 * Seeded stratified split: inside each class the items are shuffled and cut by
 * `fractions`, so every side keeps the class proportions. Items keep their input
 * order inside each side (sorted by key) so a split prints the same every time.
 */
export function stratifiedSplit<T>(
  items: readonly T[],
  classOf: (item: T) => string,
  options: { seed: number; fractions: SplitFractions; keyOf?: (item: T) => string },
): Split<T> {
  checkFractions(options.fractions, 'stratifiedSplit');
  const rng = createRng(options.seed);
  const byClass = new Map<string, T[]>();
  for (const item of items) {
    const c = classOf(item);
    if (!byClass.has(c)) byClass.set(c, []);
    byClass.get(c)!.push(item);
  }
  const out: Split<T> = { train: [], validation: [], test: [] };
  // Classes in sorted order so the random stream does not depend on input order.
  for (const c of [...byClass.keys()].sort()) {
    const members = shuffled(byClass.get(c)!, rng);
    const [nTrain, nVal] = splitCounts(members.length, options.fractions);
    out.train.push(...members.slice(0, nTrain));
    out.validation.push(...members.slice(nTrain, nTrain + nVal));
    out.test.push(...members.slice(nTrain + nVal));
  }
  const keyOf = options.keyOf;
  if (keyOf) for (const side of SPLIT_NAMES) out[side].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  return out;
}

/**
 * Seeded group split: whole groups (patients) go to one side, so no patient is on
 * two sides. Fractions apply to the number of groups.
 */
export function groupSplit<T>(
  items: readonly T[],
  groupOf: (item: T) => string,
  options: { seed: number; fractions: SplitFractions },
): Split<T> {
  checkFractions(options.fractions, 'groupSplit');
  const groups = [...new Set(items.map(groupOf))].sort();
  const order = shuffled(groups, createRng(options.seed));
  const [nTrain, nVal] = splitCounts(order.length, options.fractions);
  const side = new Map<string, SplitName>();
  order.forEach((g, i) => side.set(g, i < nTrain ? 'train' : i < nTrain + nVal ? 'validation' : 'test'));
  const out: Split<T> = { train: [], validation: [], test: [] };
  for (const item of items) out[side.get(groupOf(item))!].push(item);
  return out;
}
