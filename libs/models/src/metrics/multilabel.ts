/** Multi-label targets and scores are row-major [n, k] arrays (one row per record). */

export interface MultiLabelScores {
  microF1: number;
  macroF1: number;
  /** Per-class F1 at the threshold. */
  f1: number[];
  /** Per-class ROC AUC; null for a class with no positive or no negative example. */
  auc: (number | null)[];
  /** Mean AUC over the classes where it is defined. */
  macroAuc: number | null;
}

/**
 * ROC AUC as the Mann-Whitney statistic: the probability that a random positive
 * scores above a random negative, ties counting one half (equal to the trapezoidal
 * area of scikit-learn's roc_auc_score). Null when one side is empty.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number | null {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  // average ranks over ties
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) ranks[order[t]] = r;
    i = j + 1;
  }
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < n; i++) if (labels[i] > 0.5) {
    pos++;
    rankSum += ranks[i];
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return null;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function multiLabelScores(targets: ArrayLike<number>, scores: ArrayLike<number>, k: number, threshold = 0.5): MultiLabelScores {
  if (targets.length !== scores.length || targets.length % k !== 0) throw new RangeError(`multiLabelScores: targets ${targets.length} and scores ${scores.length} are not both [n, ${k}]`);
  const n = targets.length / k;
  const tp = new Array<number>(k).fill(0);
  const fp = new Array<number>(k).fill(0);
  const fn = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const t = targets[i * k + j] > 0.5;
      const p = scores[i * k + j] >= threshold;
      if (t && p) tp[j]++;
      else if (p) fp[j]++;
      else if (t) fn[j]++;
    }
  }
  const f1 = tp.map((x, j) => (2 * x + fp[j] + fn[j] === 0 ? 0 : (2 * x) / (2 * x + fp[j] + fn[j])));
  const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);
  const denom = 2 * sum(tp) + sum(fp) + sum(fn);
  const auc = Array.from({ length: k }, (_, j) => {
    const col = (a: ArrayLike<number>) => Float64Array.from({ length: n }, (_, i) => a[i * k + j]);
    return rocAuc(col(targets), col(scores));
  });
  const defined = auc.filter((a): a is number => a !== null);
  return {
    microF1: denom === 0 ? 0 : (2 * sum(tp)) / denom,
    macroF1: sum(f1) / k,
    f1,
    auc,
    macroAuc: defined.length ? sum(defined) / defined.length : null,
  };
}
