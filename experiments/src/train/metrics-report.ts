import {
  aamiMeasures,
  accuracy,
  argmaxRows,
  bootstrapCi,
  cinc2017Score,
  confusionMatrix,
  groupIndices,
  macroF1,
  multiLabelScores,
  perClassScores,
  rocAuc,
  type ConfidenceInterval,
  type ConfusionMatrix,
} from '@efficientecg/models';

/** "49692 beats, 22 records" for beat classifiers; "683 records" where each example is its own group. */
export function testSetSize(m: Pick<TestMetrics, 'examples' | 'groups' | 'groupUnit'>, examplesUnit: string): string {
  return m.examples === m.groups && examplesUnit === m.groupUnit ? `${m.groups} ${m.groupUnit}` : `${m.examples} ${examplesUnit}, ${m.groups} ${m.groupUnit}`;
}

export interface TestMetrics {
  task: 'single-label' | 'multi-label';
  examples: number;
  groups: number;
  groupUnit: string;
  classNames: readonly string[];
  /** Headline numbers with percentile-bootstrap 95 % CIs over groups (records or patients). */
  summary: Record<string, ConfidenceInterval>;
  perClass?: { name: string; precision: number; recall: number; f1: number; support: number }[];
  confusion?: ConfusionMatrix;
  /** MIT-BIH: AAMI Se/+P per class, kappa, j and jk index (Mondejar-Guerra 2019 definitions). */
  aami?: ReturnType<typeof aamiMeasures>;
  /** CinC 2017: per-class F1 and the challenge score. */
  cinc2017?: ReturnType<typeof cinc2017Score>;
  multiLabel?: ReturnType<typeof multiLabelScores>;
}

export interface MetricsInput {
  task: 'single-label' | 'multi-label';
  classNames: readonly string[];
  /** Row-major [n x k] probabilities. */
  probs: Float32Array;
  labels: Int32Array | null;
  multiHot: Float32Array | null;
  groups: readonly string[];
  groupUnit: string;
  kind: 'mitdb' | 'cinc2017' | 'generic';
  iterations?: number;
  seed?: number;
}

export function computeTestMetrics(i: MetricsInput): TestMetrics {
  const k = i.classNames.length;
  const n = i.probs.length / k;
  const groups = groupIndices(i.groups);
  const boot = (stat: (idx: number[]) => number) => bootstrapCi(groups, stat, { iterations: i.iterations ?? 1000, seed: i.seed ?? 0, unit: i.groupUnit });
  const base = { task: i.task, examples: n, groups: groups.length, groupUnit: i.groupUnit, classNames: i.classNames };
  if (i.task === 'multi-label') {
    const targets = i.multiHot!;
    const sub = (idx: number[]) => {
      const t = new Float32Array(idx.length * k);
      const p = new Float32Array(idx.length * k);
      idx.forEach((e, r) => {
        t.set(targets.subarray(e * k, (e + 1) * k), r * k);
        p.set(i.probs.subarray(e * k, (e + 1) * k), r * k);
      });
      return multiLabelScores(t, p, k);
    };
    return {
      ...base,
      summary: { macroAuc: boot((idx) => sub(idx).macroAuc ?? NaN), microF1: boot((idx) => sub(idx).microF1), macroF1: boot((idx) => sub(idx).macroF1) },
      multiLabel: multiLabelScores(targets, i.probs, k),
    };
  }
  const labels = i.labels!;
  const pred = argmaxRows(i.probs, k);
  const cm = (idx: number[]) => confusionMatrix(idx.map((e) => labels[e]), idx.map((e) => pred[e]), k);
  const all = cm(Array.from({ length: n }, (_, e) => e));
  const summary: Record<string, ConfidenceInterval> = { accuracy: boot((idx) => accuracy(cm(idx))), macroF1: boot((idx) => macroF1(cm(idx))) };
  const out: TestMetrics = {
    ...base,
    summary,
    perClass: perClassScores(all).map((s, c) => ({ name: i.classNames[c], ...s })),
    confusion: all,
  };
  if (i.kind === 'mitdb') {
    out.aami = aamiMeasures(all);
    summary.jkIndex = boot((idx) => aamiMeasures(cm(idx)).jkIndex);
    summary.aamiAccuracy = boot((idx) => aamiMeasures(cm(idx)).accuracy);
  }
  if (i.kind === 'cinc2017') {
    out.cinc2017 = cinc2017Score(all);
    summary.cinc2017Score = boot((idx) => cinc2017Score(cm(idx)).score);
  }
  if (k === 2) {
    const auc = (idx: number[]) => rocAuc(idx.map((e) => labels[e]), idx.map((e) => i.probs[e * 2 + 1])) ?? NaN;
    summary.auc = boot(auc);
    summary.f1Positive = boot((idx) => perClassScores(cm(idx))[1].f1);
  }
  return out;
}
