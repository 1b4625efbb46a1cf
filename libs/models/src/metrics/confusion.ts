/** Confusion matrix: rows are the true class, columns the predicted class (as scikit-learn). */
export type ConfusionMatrix = number[][];

export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, nClasses: number): ConfusionMatrix {
  if (yTrue.length !== yPred.length) throw new RangeError(`confusionMatrix: ${yTrue.length} labels but ${yPred.length} predictions`);
  const m = Array.from({ length: nClasses }, () => new Array<number>(nClasses).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    if (!(Number.isInteger(t) && t >= 0 && t < nClasses && Number.isInteger(p) && p >= 0 && p < nClasses)) {
      throw new RangeError(`confusionMatrix: example ${i} has class ${t} -> ${p}, outside 0..${nClasses - 1}`);
    }
    m[t][p]++;
  }
  return m;
}

export function rowSum(m: ConfusionMatrix, i: number): number {
  return m[i].reduce((a, b) => a + b, 0);
}

export function colSum(m: ConfusionMatrix, j: number): number {
  return m.reduce((a, row) => a + row[j], 0);
}

export function total(m: ConfusionMatrix): number {
  return m.reduce((a, row) => a + row.reduce((x, y) => x + y, 0), 0);
}

/** Index of the largest probability of each row of a [n, k] row-major array. */
export function argmaxRows(probs: ArrayLike<number>, k: number): Int32Array {
  const n = probs.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (probs[i * k + j] > probs[i * k + best]) best = j;
    out[i] = best;
  }
  return out;
}
