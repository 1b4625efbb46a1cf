/**
 * Paired comparisons of two runs on the same test split (ablations), for the notebooks: the
 * predictions files and the paired group bootstrap are the results tables' own
 * (experiments/src/results/predictions.ts); this adds the single-label metrics by name.
 */
import { accuracy, confusionMatrix, macroF1, type ConfidenceInterval } from '@efficientecg/models';
import { argmax, pairedDifference as pairedDifferenceOf, readPredictions as readPredictionsFile, type RunPredictions } from '@efficientecg/experiments/src/results/predictions';
import { predictionsFileOf } from '@efficientecg/experiments/src/runs';
import type { RunFolder } from './runs';

/** predictions.csv of a single-label run (id, group, label, p_<class>...). */
export function readPredictions(run: RunFolder): RunPredictions {
  const file = predictionsFileOf(run.dir);
  if (!file) throw new Error(`${run.dir}: no predictions.csv`);
  const p = readPredictionsFile(file);
  if (p.ids.length && p.labels === null) throw new Error(`${file} has no label column (a multi-label run?)`);
  return p;
}

export type PairedMetric = 'accuracy' | 'macroF1';

function metricOf(p: RunPredictions, idx: readonly number[], metric: PairedMetric): number {
  const cm = confusionMatrix(idx.map((i) => p.labels![i]), idx.map((i) => argmax(p.probs[i])), p.classNames.length);
  return metric === 'accuracy' ? accuracy(cm) : macroF1(cm);
}

/** metric(a) - metric(b) on the examples both runs predicted, with a paired group bootstrap CI. */
export function pairedDifference(a: RunPredictions, b: RunPredictions, metric: PairedMetric, options: { iterations?: number; seed?: number } = {}): ConfidenceInterval & { examples: number } {
  return pairedDifferenceOf(a, b, (p, idx) => metricOf(p, idx, metric), { iterations: options.iterations ?? 1000, seed: options.seed ?? 0, unit: 'groups' });
}
