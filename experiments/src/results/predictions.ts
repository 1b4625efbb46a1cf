import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { groupIndices, stratifiedBootstrapCi, type BootstrapOptions, type ConfidenceInterval } from '@efficientecg/models';

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

type RunMetricFn = (p: RunPredictions, idx: number[]) => number;

/**
 * metric(a) - metric(b) on the examples both runs predicted (aligned by example id), with a
 * paired percentile-bootstrap CI that resamples whole groups (records/patients) of `a` for
 * both runs at once. Throws when the runs share no example (different splits).
 */
export function pairedDifference(a: RunPredictions, b: RunPredictions, metric: RunMetricFn, options: BootstrapOptions = {}): ConfidenceInterval & { examples: number } {
  return pooledPairedDifference([{ a, b }], metric, options);
}

/**
 * The mean over pairs (e.g. seeds, each with its own split) of metric(a) - metric(b), with a
 * stratified paired bootstrap CI: each pair's groups are resampled within that pair's test set.
 * It answers "does the switch change the metric on average over seeds", which no single seed's
 * interval does.
 */
export function pooledPairedDifference(
  pairs: readonly { a: RunPredictions; b: RunPredictions }[],
  metric: RunMetricFn,
  options: BootstrapOptions = {},
): ConfidenceInterval & { examples: number } {
  const aligned = pairs.map((p) => alignPaired(p.a, p.b));
  const stat = (per: number[][]) =>
    per.reduce((sum, idx, s) => {
      const { ia, ib } = aligned[s];
      return sum + metric(pairs[s].a, idx.map((k) => ia[k])) - metric(pairs[s].b, idx.map((k) => ib[k]));
    }, 0) / pairs.length;
  return { ...stratifiedBootstrapCi(aligned.map((x) => x.groups), stat, options), examples: aligned.reduce((n, x) => n + x.ia.length, 0) };
}
