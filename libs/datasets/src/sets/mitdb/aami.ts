/**
 * AAMI EC57 beat classes as used by de Chazal et al. 2004 and the EfficientECG
 * protocol (../shared/reference/paper.md): every MIT-BIH beat symbol maps to one
 * of N, S, V, F, Q.
 */
export type AamiClass = 'N' | 'S' | 'V' | 'F' | 'Q';
export const AAMI_CLASSES: readonly AamiClass[] = Object.freeze(['N', 'S', 'V', 'F', 'Q']);

const AAMI_BY_SYMBOL: Readonly<Record<string, AamiClass>> = Object.freeze({
  // N: normal, left/right bundle branch block, atrial and nodal (junctional) escape
  N: 'N', L: 'N', R: 'N', e: 'N', j: 'N',
  // S: supraventricular ectopic: atrial premature, aberrated APC, nodal premature, SVPB
  A: 'S', a: 'S', J: 'S', S: 'S',
  // V: premature ventricular contraction, ventricular escape
  V: 'V', E: 'V',
  // F: fusion of ventricular and normal
  F: 'F',
  // Q: paced, fusion of paced and normal, unclassifiable
  '/': 'Q', f: 'Q', Q: 'Q',
});

/** The AAMI class of a MIT-BIH beat symbol, or null for symbols outside the scheme (rhythm, noise, 'B', 'n', ...). */
export function aamiClassOf(symbol: string): AamiClass | null {
  return Object.hasOwn(AAMI_BY_SYMBOL, symbol) ? AAMI_BY_SYMBOL[symbol] : null;
}

export type AamiCounts = Record<AamiClass, number>;

export function emptyAamiCounts(): AamiCounts {
  return { N: 0, S: 0, V: 0, F: 0, Q: 0 };
}

export function addAamiCounts(into: AamiCounts, from: AamiCounts): AamiCounts {
  for (const c of AAMI_CLASSES) into[c] += from[c];
  return into;
}
