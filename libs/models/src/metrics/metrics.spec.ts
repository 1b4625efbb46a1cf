import { describe, expect, it } from 'vitest';
import { aamiMeasures } from './aami';
import { bootstrapCi, groupIndices, stratifiedBootstrapCi } from './bootstrap';
import { accuracy, cohenKappa, macroF1, perClassScores } from './classification';
import { cinc2017Score } from './cinc2017';
import { argmaxRows, confusionMatrix } from './confusion';
import { multiLabelScores, rocAuc } from './multilabel';

describe('confusion matrix and single-label scores', () => {
  it('counts true rows against predicted columns', () => {
    expect(confusionMatrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], 3)).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 2],
    ]);
    expect(() => confusionMatrix([0, 3], [0, 0], 3)).toThrow(/outside 0..2/);
    expect(() => confusionMatrix([0], [0, 1], 3)).toThrow(/1 labels but 2/);
    expect([...argmaxRows([0.1, 0.7, 0.2, 0.5, 0.2, 0.3], 3)]).toEqual([1, 0]);
  });
  it('precision, recall, F1 and accuracy by hand', () => {
    const m = [
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 2],
    ];
    const s = perClassScores(m);
    expect(s[0]).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(s[1].precision).toBe(0.5);
    expect(s[1].recall).toBe(1);
    expect(s[1].f1).toBeCloseTo(2 / 3, 12);
    expect(s[2].f1).toBeCloseTo(0.8, 12);
    expect(accuracy(m)).toBeCloseTo(4 / 6, 12);
    expect(macroF1(m)).toBeCloseTo((0.5 + 2 / 3 + 0.8) / 3, 12);
    // a class never predicted and never present scores 0, not NaN
    expect(perClassScores([[3, 0], [0, 0]])[1]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
  });
  it("Cohen's kappa of the textbook example is 0.4", () => {
    // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> po 0.7, pe 0.5
    expect(cohenKappa([[20, 5], [10, 15]])).toBeCloseTo(0.4, 12);
  });
  it('CinC 2017 score is the mean F1 of N, A and O, ignoring the noisy class', () => {
    const m = [
      [90, 2, 8, 0],
      [1, 18, 1, 0],
      [10, 2, 38, 0],
      [5, 0, 0, 5],
    ];
    const r = cinc2017Score(m);
    expect(r.f1.N).toBeCloseTo((2 * 90) / (100 + 106), 12);
    expect(r.f1.A).toBeCloseTo((2 * 18) / (20 + 22), 12);
    expect(r.f1.O).toBeCloseTo((2 * 38) / (50 + 47), 12);
    expect(r.score).toBeCloseTo((r.f1.N + r.f1.A + r.f1.O) / 3, 12);
    // noisy records called N lower N's F1 (through N's predicted count) but ~'s own F1 is not scored
    const clean = m.map((row) => row.slice());
    clean[3] = [0, 0, 0, 10];
    expect(cinc2017Score(clean).f1.N).toBeCloseTo((2 * 90) / (100 + 101), 12);
    expect(() => cinc2017Score([[1]])).toThrow(/4x4/);
  });
});

describe('AAMI measures (Mondejar-Guerra 2019 definitions)', () => {
  const m = [
    // N, S, V, F, Q (true rows)
    [900, 20, 10, 5, 1],
    [30, 60, 5, 0, 0],
    [10, 2, 80, 8, 0],
    [3, 0, 6, 10, 0],
    [1, 0, 0, 0, 1],
  ];
  const r = aamiMeasures(m);
  it('drops Q and does not count F-called-V against V', () => {
    expect(r.confusion).toHaveLength(4);
    expect(r.perClass.V.se).toBeCloseTo(80 / 100, 12);
    expect(r.perClass.V.ppv).toBeCloseTo(80 / (80 + 10 + 5), 12); // column V = 10+5+80+6, minus the 6 F->V
    expect(r.perClass.S.se).toBeCloseTo(60 / 95, 12);
    expect(r.perClass.S.ppv).toBeCloseTo(60 / 82, 12);
    expect(r.accuracy).toBeCloseTo((900 + 60 + 80 + 10) / (935 + 95 + 100 + 19), 12);
  });
  it('jk = 0.5 kappa + 0.125 (Se_S + Se_V + +P_S + +P_V)', () => {
    const j = 60 / 95 + 80 / 100 + 60 / 82 + 80 / 95;
    expect(r.jIndex).toBeCloseTo(j, 12);
    expect(r.jkIndex).toBeCloseTo(0.5 * r.kappa + 0.125 * j, 12);
    expect(r.kappa).toBeGreaterThan(0.5);
    expect(r.kappa).toBeLessThan(1);
  });
  it('a perfect classifier scores accuracy 1, kappa 1 and jk 1', () => {
    const p = aamiMeasures([[10, 0, 0, 0], [0, 5, 0, 0], [0, 0, 7, 0], [0, 0, 0, 2]]);
    expect([p.accuracy, p.kappa, p.jIndex, p.jkIndex]).toEqual([1, 1, 4, 1]);
  });
});

describe('multi-label scores', () => {
  it('ROC AUC: the scikit-learn documentation example gives 0.75; ties count one half', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12);
    expect(rocAuc([0, 1], [0.5, 0.5])).toBe(0.5);
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNull();
  });
  it('micro and macro F1 at a threshold', () => {
    // 3 records x 2 classes
    const t = [1, 0, 1, 1, 0, 1];
    const s = [0.9, 0.2, 0.4, 0.7, 0.6, 0.8];
    const r = multiLabelScores(t, s, 2);
    // class 0: TP 1, FN 1, FP 1 -> F1 0.5; class 1: TP 2, FP 0, FN 0 -> F1 1
    expect(r.f1).toEqual([0.5, 1]);
    expect(r.macroF1).toBe(0.75);
    expect(r.microF1).toBeCloseTo((2 * 3) / (2 * 3 + 1 + 1), 12);
    expect(r.auc[0]).toBeCloseTo(0.5, 12);
    expect(r.auc[1]).toBe(1);
    expect(r.macroAuc).toBeCloseTo(0.75, 12);
    // a class with no positive example has no AUC and is left out of the mean
    const none = multiLabelScores([1, 0, 0, 0], [0.9, 0.1, 0.2, 0.3], 2);
    expect(none.auc).toEqual([1, null]);
    expect(none.macroAuc).toBe(1);
  });
});

describe('bootstrap confidence intervals over groups', () => {
  // 20 records: accuracy per record varies; beats of one record are correlated
  const correct: number[] = [];
  const keys: string[] = [];
  for (let r = 0; r < 20; r++) for (let b = 0; b < 50; b++) {
    keys.push(`rec${r}`);
    correct.push(b < 30 + r ? 1 : 0);
  }
  const acc = (idx: number[]) => idx.reduce((s, i) => s + correct[i], 0) / idx.length;
  it('is seeded, brackets the estimate and resamples whole records', () => {
    const groups = groupIndices(keys);
    expect(groups).toHaveLength(20);
    const a = bootstrapCi(groups, acc, { seed: 1, iterations: 500, unit: 'records' });
    const b = bootstrapCi(groups, acc, { seed: 1, iterations: 500, unit: 'records' });
    expect(a).toEqual(b);
    expect(a.estimate).toBeCloseTo(acc(groups.flat()), 12);
    expect(a.low).toBeLessThan(a.estimate);
    expect(a.high).toBeGreaterThan(a.estimate);
    // resampling beats instead of records would understate the spread
    const beats = bootstrapCi(keys.map((_, i) => [i]), acc, { seed: 1, iterations: 500 });
    expect(a.high - a.low).toBeGreaterThan(beats.high - beats.low);
  });
  it('one group gives a degenerate interval', () => {
    const one = bootstrapCi([[0, 1, 2]], acc, { iterations: 50 });
    expect(one.low).toBe(one.estimate);
    expect(one.high).toBe(one.estimate);
  });
  it('stratified: groups are drawn within their stratum only, and the mean over strata narrows the interval', () => {
    const groups = groupIndices(keys);
    // two strata of 10 records each: records 0-9 (accuracy 0.6-0.78) and 10-19 (0.8-0.98)
    const strata = [groups.slice(0, 10), groups.slice(10)];
    const seen: number[][] = [];
    const ci = stratifiedBootstrapCi(strata, (per) => {
      seen.push(per.map((idx) => Math.max(...idx)));
      return (acc(per[0]) + acc(per[1])) / 2;
    }, { seed: 3, iterations: 200 });
    // a draw from stratum 0 never holds a record of stratum 1
    expect(seen.slice(1).every(([a, b]) => a < 500 && b >= 500)).toBe(true);
    expect(ci.estimate).toBeCloseTo((acc(groups.slice(0, 10).flat()) + acc(groups.slice(10).flat())) / 2, 12);
    const single = stratifiedBootstrapCi([strata[0]], ([idx]) => acc(idx), { seed: 3, iterations: 200 });
    expect(ci.high - ci.low).toBeLessThan(single.high - single.low);
    // one stratum is the plain group bootstrap, draw for draw
    expect(stratifiedBootstrapCi([groups], ([idx]) => acc(idx), { seed: 1, iterations: 100 })).toEqual(bootstrapCi(groups, acc, { seed: 1, iterations: 100 }));
  });
});
