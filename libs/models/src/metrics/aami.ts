import { cohenKappa } from './classification';
import type { ConfusionMatrix } from './confusion';

export interface AamiClassMeasures {
  /** Sensitivity (recall). */
  se: number;
  /** Positive predictivity (precision). */
  ppv: number;
  specificity: number;
  accuracy: number;
}

export interface AamiMeasures {
  /** Overall accuracy over the 4 scored classes N, S, V, F. */
  accuracy: number;
  perClass: { N: AamiClassMeasures; S: AamiClassMeasures; V: AamiClassMeasures; F: AamiClassMeasures };
  kappa: number;
  /** j index = Se(S) + Se(V) + +P(S) + +P(V) (Mar et al. 2011). */
  jIndex: number;
  /** jk index = 0.5 kappa + 0.125 j (Mondejar-Guerra et al. 2019). */
  jkIndex: number;
  /** The 4x4 matrix the figures were computed from (N, S, V, F). */
  confusion: ConfusionMatrix;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/**
 * AAMI EC57 beat-classification measures as used by de Chazal 2004 and
 * Mondejar-Guerra 2019: Q beats are left out (a 5x5 N,S,V,F,Q matrix is cut to its
 * first four rows and columns), and F beats classified as V do not count against
 * V's positive predictivity (AAMI: a classifier is neither rewarded nor penalised
 * for calling a fusion beat ventricular).
 */
export function aamiMeasures(m: ConfusionMatrix): AamiMeasures {
  if (m.length !== 4 && m.length !== 5) throw new RangeError(`aamiMeasures needs a 4x4 (N,S,V,F) or 5x5 (N,S,V,F,Q) matrix, got ${m.length}x${m.length}`);
  const c = m.slice(0, 4).map((row) => row.slice(0, 4));
  const n = c.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  const names = ['N', 'S', 'V', 'F'] as const;
  const perClass = {} as AamiMeasures['perClass'];
  names.forEach((name, i) => {
    const tp = c[i][i];
    const fn = c[i].reduce((a, b) => a + b, 0) - tp;
    let fp = c.reduce((a, row) => a + row[i], 0) - tp;
    if (name === 'V') fp -= c[3][2]; // F predicted as V
    const tn = n - tp - fn - fp;
    perClass[name] = { se: ratio(tp, tp + fn), ppv: ratio(tp, tp + fp), specificity: ratio(tn, tn + fp), accuracy: ratio(tp + tn, n) };
  });
  const kappa = cohenKappa(c);
  const jIndex = perClass.S.se + perClass.V.se + perClass.S.ppv + perClass.V.ppv;
  return {
    accuracy: ratio(c.reduce((s, row, i) => s + row[i], 0), n),
    perClass,
    kappa,
    jIndex,
    jkIndex: 0.5 * kappa + 0.125 * jIndex,
    confusion: c,
  };
}
