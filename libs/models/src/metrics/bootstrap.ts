import { createRng } from '@efficientecg/datasets';

export interface ConfidenceInterval {
  estimate: number;
  low: number;
  high: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
  iterations: number;
  /** What was resampled ("records", "patients"). */
  unit: string;
  /** Resamples where the statistic was undefined (e.g. an AUC with one class only), left out of the interval. */
  undefinedResamples: number;
}

export interface BootstrapOptions {
  iterations?: number;
  seed?: number;
  level?: number;
  unit?: string;
}

function percentile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Percentile bootstrap over groups: whole groups (records or patients, never
 * single beats, whose errors are correlated within a patient) are drawn with
 * replacement and `statistic` is computed on the examples of the drawn groups.
 * `groups[i]` holds the example indices of group i.
 */
export function bootstrapCi(
  groups: readonly (readonly number[])[],
  statistic: (indices: number[]) => number,
  options: BootstrapOptions = {},
): ConfidenceInterval {
  return stratifiedBootstrapCi([groups], ([idx]) => statistic(idx), options);
}

/**
 * Stratified percentile bootstrap: each stratum (e.g. one seed's test set) keeps its own
 * groups, which are drawn with replacement within the stratum, and `statistic` sees the
 * drawn example indices of every stratum at once (e.g. the mean over seeds of a paired
 * difference, so seed-to-seed spread and test-set sampling are not confused).
 */
export function stratifiedBootstrapCi(
  strata: readonly (readonly (readonly number[])[])[],
  statistic: (indicesPerStratum: number[][]) => number,
  options: BootstrapOptions = {},
): ConfidenceInterval {
  const expand = (drawn: Int32Array[]) =>
    drawn.map((groups, s) => {
      const idx: number[] = [];
      for (const g of groups) idx.push(...strata[s][g]);
      return idx;
    });
  return stratifiedGroupBootstrapCi(
    strata.map((groups) => groups.length),
    (drawn) => statistic(expand(drawn)),
    options,
  );
}

/**
 * The same bootstrap (same draws for the same seed) when the statistic can be computed from
 * per-group summaries: `statistic` gets the drawn group numbers of each stratum (the
 * identity draw 0..n-1 for the estimate). Summing per-group confusion matrices this way costs
 * groups x classes^2 per resample instead of one pass over every example.
 */
export function stratifiedGroupBootstrapCi(
  groupCounts: readonly number[],
  statistic: (drawnGroupsPerStratum: Int32Array[]) => number,
  options: BootstrapOptions = {},
): ConfidenceInterval {
  const iterations = options.iterations ?? 1000;
  const level = options.level ?? 0.95;
  const rng = createRng(options.seed ?? 0);
  const drawn: number[] = [];
  for (let b = 0; b < iterations; b++) {
    const per = groupCounts.map((n) => {
      const groups = new Int32Array(n);
      for (let g = 0; g < n; g++) groups[g] = Math.floor(rng() * n);
      return groups;
    });
    drawn.push(statistic(per));
  }
  const values = Float64Array.from(drawn.filter(Number.isFinite)).sort();
  return {
    estimate: statistic(groupCounts.map((n) => Int32Array.from({ length: n }, (_, g) => g))),
    low: values.length ? percentile(values, (1 - level) / 2) : NaN,
    high: values.length ? percentile(values, 1 - (1 - level) / 2) : NaN,
    level,
    iterations,
    unit: options.unit ?? 'groups',
    undefinedResamples: iterations - values.length,
  };
}

/** Group example indices by a key (record name, patient id), in first-seen order. */
export function groupIndices(keys: readonly string[]): number[][] {
  const byKey = new Map<string, number[]>();
  keys.forEach((k, i) => {
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k)!.push(i);
  });
  return [...byKey.values()];
}
