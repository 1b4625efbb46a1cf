/**
 * Paired comparisons of two runs on the same test split (ablations): predictions are aligned
 * by example id, and the difference of a metric gets a percentile-bootstrap interval that
 * resamples whole groups (records/patients) for both runs at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { accuracy, bootstrapCi, confusionMatrix, groupIndices, macroF1, type ConfidenceInterval } from '@efficientecg/models';
import type { RunFolder } from './runs';

export interface Predictions {
  ids: string[];
  groups: string[];
  /** True class index per example. */
  labels: number[];
  /** Predicted (argmax) class index per example. */
  predicted: number[];
  classNames: string[];
}

/** predictions.csv of a single-label run (id, group, label, p_<class>...). */
export function readPredictions(run: RunFolder): Predictions {
  const classNames = [...run.metrics.classNames];
  const rows = Papa.parse<Record<string, string>>(readFileSync(join(run.dir, 'predictions.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  if (rows.length && !('label' in rows[0])) throw new Error(`${run.dir}/predictions.csv has no label column (a multi-label run?)`);
  const out: Predictions = { ids: [], groups: [], labels: [], predicted: [], classNames };
  for (const r of rows) {
    const p = classNames.map((c) => Number(r[`p_${c}`]));
    out.ids.push(r.id);
    out.groups.push(r.group);
    out.labels.push(classNames.indexOf(r.label));
    out.predicted.push(p.indexOf(Math.max(...p)));
  }
  return out;
}

export type PairedMetric = 'accuracy' | 'macroF1';

function metricOf(p: Predictions, idx: readonly number[], metric: PairedMetric): number {
  const cm = confusionMatrix(idx.map((i) => p.labels[i]), idx.map((i) => p.predicted[i]), p.classNames.length);
  return metric === 'accuracy' ? accuracy(cm) : macroF1(cm);
}

/** metric(a) - metric(b) on the examples both runs predicted, with a paired group bootstrap CI. */
export function pairedDifference(a: Predictions, b: Predictions, metric: PairedMetric, options: { iterations?: number; seed?: number } = {}): ConfidenceInterval & { examples: number } {
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
  const groups = groupIndices(ia.map((i) => a.groups[i]));
  const stat = (idx: number[]) => metricOf(a, idx.map((k) => ia[k]), metric) - metricOf(b, idx.map((k) => ib[k]), metric);
  return { ...bootstrapCi(groups, stat, { iterations: options.iterations ?? 1000, seed: options.seed ?? 0, unit: 'groups' }), examples: ia.length };
}
