import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { groupIndices, stratifiedBootstrapCi, stratifiedGroupBootstrapCi, type BootstrapOptions, type ConfidenceInterval, type ConfusionMatrix } from '@efficientecg/models';

/** A run's predictions.csv: one row per test example (id, group, label or true_<class>, p_<class>...). */
export interface RunPredictions {
  ids: string[];
  groups: string[];
  /** Class index per row (single-label) or null. */
  labels: number[] | null;
  /** Multi-hot targets per row (multi-label) or null. */
  targets: number[][] | null;
  probs: number[][];
  classNames: string[];
}

/** Reads predictions.csv, or predictions.csv.gz as archived runs store large ones. */
export function readPredictions(file: string): RunPredictions {
  const raw = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  const fields = Object.keys(rows[0] ?? {});
  const classNames = fields.filter((f) => f.startsWith('p_')).map((f) => f.slice(2));
  const single = fields.includes('label');
  return {
    ids: rows.map((r) => r.id),
    groups: rows.map((r) => r.group),
    labels: single ? rows.map((r) => classNames.indexOf(r.label)) : null,
    targets: single ? null : rows.map((r) => classNames.map((c) => Number(r[`true_${c}`]))),
    probs: rows.map((r) => classNames.map((c) => Number(r[`p_${c}`]))),
    classNames,
  };
}

/** The indices of every example of `p` (a metric over the whole test set). */
export const allExamples = (p: RunPredictions): number[] => Array.from({ length: p.ids.length }, (_, i) => i);

/** Index of the largest probability of a row (the predicted class). */
export const argmax = (row: readonly number[]): number => row.indexOf(Math.max(...row));

/** The examples both runs predicted (aligned by example id) and the groups of `a` they form. */
function alignPaired(a: RunPredictions, b: RunPredictions): { ia: number[]; ib: number[]; groups: number[][] } {
  const inB = new Map(b.ids.map((id, i) => [id, i]));
  const ia: number[] = [];
  const ib: number[] = [];
  a.ids.forEach((id, i) => {
    const j = inB.get(id);
    if (j !== undefined) {
      ia.push(i);
      ib.push(j);
    }
  });
  if (ia.length === 0) throw new Error('the two runs share no test example ids (different splits?)');
  return { ia, ib, groups: groupIndices(ia.map((i) => a.groups[i])) };
}

export type RunMetricFn = (p: RunPredictions, idx: number[]) => number;

/**
 * A metric of a run's predictions. One that is a function of the confusion matrix says so
 * (`fromConfusion`): its bootstrap then sums per-group matrices instead of re-reading every
 * example per resample (DS2's 49,712 beats x 500 resamples x every variant and seed).
 */
export interface PredictionMetric {
  of: RunMetricFn;
  fromConfusion?: (cm: ConfusionMatrix) => number;
}

/**
 * metric(a) - metric(b) on the examples both runs predicted (aligned by example id), with a
 * paired percentile-bootstrap CI that resamples whole groups (records/patients) of `a` for
 * both runs at once. Throws when the runs share no example (different splits).
 */
export function pairedDifference(a: RunPredictions, b: RunPredictions, metric: RunMetricFn | PredictionMetric, options: BootstrapOptions = {}): ConfidenceInterval & { examples: number } {
  return pooledPairedDifference([{ a, b }], metric, options);
}

/** Per group, the flattened k x k confusion matrix of the examples `rows` (of run `p`) in it. */
function groupConfusions(p: RunPredictions, rows: number[], groups: number[][]): Float64Array[] {
  const k = p.classNames.length;
  return groups.map((members) => {
    const m = new Float64Array(k * k);
    for (const j of members) {
      const i = rows[j];
      m[p.labels![i] * k + argmax(p.probs[i])]++;
    }
    return m;
  });
}

function summedConfusion(perGroup: Float64Array[], drawn: Int32Array, k: number): ConfusionMatrix {
  const sum = new Float64Array(k * k);
  for (const g of drawn) {
    const m = perGroup[g];
    for (let c = 0; c < m.length; c++) sum[c] += m[c];
  }
  return Array.from({ length: k }, (_, t) => Array.from(sum.subarray(t * k, (t + 1) * k)));
}

/**
 * The mean over pairs (e.g. seeds, each with its own split) of metric(a) - metric(b), with a
 * stratified paired bootstrap CI: each pair's groups are resampled within that pair's test set.
 * It answers "does the switch change the metric on average over seeds", which no single seed's
 * interval does.
 */
export function pooledPairedDifference(
  pairs: readonly { a: RunPredictions; b: RunPredictions }[],
  metric: RunMetricFn | PredictionMetric,
  options: BootstrapOptions = {},
): ConfidenceInterval & { examples: number } {
  const aligned = pairs.map((p) => alignPaired(p.a, p.b));
  const examples = aligned.reduce((n, x) => n + x.ia.length, 0);
  const m = typeof metric === 'function' ? { of: metric } : metric;
  const fromConfusion = m.fromConfusion;
  if (fromConfusion && pairs.every((p) => p.a.labels && p.b.labels)) {
    // same draws as the example-level bootstrap below, so the same interval
    const cms = pairs.map((p, s) => ({
      k: p.a.classNames.length,
      a: groupConfusions(p.a, aligned[s].ia, aligned[s].groups),
      b: groupConfusions(p.b, aligned[s].ib, aligned[s].groups),
    }));
    const stat = (drawn: Int32Array[]) =>
      drawn.reduce((sum, d, s) => sum + fromConfusion(summedConfusion(cms[s].a, d, cms[s].k)) - fromConfusion(summedConfusion(cms[s].b, d, cms[s].k)), 0) / pairs.length;
    return { ...stratifiedGroupBootstrapCi(aligned.map((x) => x.groups.length), stat, options), examples };
  }
  const stat = (per: number[][]) =>
    per.reduce((sum, idx, s) => {
      const { ia, ib } = aligned[s];
      return sum + m.of(pairs[s].a, idx.map((k) => ia[k])) - m.of(pairs[s].b, idx.map((k) => ib[k]));
    }, 0) / pairs.length;
  return { ...stratifiedBootstrapCi(aligned.map((x) => x.groups), stat, options), examples };
}

/**
 * The seed ensemble of runs that predicted the same test examples: per example (aligned by id,
 * in the first run's order) the class probabilities averaged over the runs. Null when the runs'
 * test sets differ (seeded splits), where no example-wise average exists.
 */
export function seedEnsemble(runs: readonly RunPredictions[]): RunPredictions | null {
  if (runs.length === 0) return null;
  const [first] = runs;
  const positions = runs.map((r) => new Map(r.ids.map((id, i) => [id, i])));
  const sameSet = runs.every((r, s) => r.ids.length === first.ids.length && first.ids.every((id) => positions[s].has(id)) && r.classNames.join('\u0000') === first.classNames.join('\u0000'));
  if (!sameSet) return null;
  const k = first.classNames.length;
  const probs = first.ids.map((id) => {
    const mean = new Array<number>(k).fill(0);
    runs.forEach((r, s) => {
      const row = r.probs[positions[s].get(id)!];
      for (let c = 0; c < k; c++) mean[c] += row[c] / runs.length;
    });
    return mean;
  });
  return { ...first, probs };
}

/** metric(p) with a percentile-bootstrap CI that resamples whole groups (records/patients). */
export function metricWithCi(p: RunPredictions, metric: RunMetricFn | PredictionMetric, options: BootstrapOptions = {}): ConfidenceInterval {
  const m = typeof metric === 'function' ? { of: metric } : metric;
  const all = allExamples(p);
  const groups = groupIndices(p.groups);
  const fromConfusion = m.fromConfusion;
  if (fromConfusion && p.labels) {
    const perGroup = groupConfusions(p, all, groups);
    return stratifiedGroupBootstrapCi([groups.length], ([drawn]) => fromConfusion(summedConfusion(perGroup, drawn, p.classNames.length)), options);
  }
  return stratifiedBootstrapCi([groups], ([idx]) => m.of(p, idx), options);
}

/** Several runs' predictions as one (e.g. the validation folds of a cross-validation); ids may repeat across runs. */
export function concatPredictions(runs: readonly RunPredictions[]): RunPredictions {
  if (runs.length === 0) throw new RangeError('no predictions to concatenate');
  const names = runs[0].classNames.join('\u0000');
  if (runs.some((r) => r.classNames.join('\u0000') !== names)) throw new RangeError('the runs predict different classes');
  const single = runs.every((r) => r.labels);
  return {
    ids: runs.flatMap((r) => r.ids),
    groups: runs.flatMap((r) => r.groups),
    labels: single ? runs.flatMap((r) => r.labels!) : null,
    targets: single ? null : runs.flatMap((r) => r.targets ?? []),
    probs: runs.flatMap((r) => r.probs),
    classNames: runs[0].classNames,
  };
}
