import { colSum, rowSum, total, type ConfusionMatrix } from './confusion';

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** 0/0 is reported as 0, as scikit-learn's zero_division=0 does (a class never predicted has precision 0). */
const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function accuracy(m: ConfusionMatrix): number {
  return ratio(m.reduce((s, row, i) => s + row[i], 0), total(m));
}

export function perClassScores(m: ConfusionMatrix): ClassScores[] {
  return m.map((row, i) => {
    const tp = row[i];
    const precision = ratio(tp, colSum(m, i));
    const recall = ratio(tp, rowSum(m, i));
    // 2TP / (2TP + FP + FN): equal to the harmonic mean, and 0 (not NaN) when TP = 0
    const f1 = ratio(2 * tp, rowSum(m, i) + colSum(m, i));
    return { precision, recall, f1, support: rowSum(m, i) };
  });
}

/** Unweighted mean of per-class F1 over the classes given (default all). */
export function macroF1(m: ConfusionMatrix, classes?: readonly number[]): number {
  const scores = perClassScores(m);
  const idx = classes ?? scores.map((_, i) => i);
  return idx.reduce((s, i) => s + scores[i].f1, 0) / idx.length;
}

/** Cohen's kappa of a confusion matrix. */
export function cohenKappa(m: ConfusionMatrix): number {
  const n = total(m);
  if (n === 0) return 0;
  const observed = m.reduce((s, row, i) => s + row[i], 0) / n;
  let expected = 0;
  for (let i = 0; i < m.length; i++) expected += (rowSum(m, i) / n) * (colSum(m, i) / n);
  return expected === 1 ? 0 : (observed - expected) / (1 - expected);
}
