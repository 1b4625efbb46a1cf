/**
 * The standard WFDB annotation codes (ecgcodes.h; the same table as wfdb-python's
 * ann_label_table). Index = code stored in the file, value = mnemonic.
 */
const SYMBOLS: Readonly<Record<number, string>> = {
  0: ' ', // NOTQRS: not an annotation
  1: 'N', // normal beat
  2: 'L', // left bundle branch block beat
  3: 'R', // right bundle branch block beat
  4: 'a', // aberrated atrial premature beat
  5: 'V', // premature ventricular contraction
  6: 'F', // fusion of ventricular and normal beat
  7: 'J', // nodal (junctional) premature beat
  8: 'A', // atrial premature contraction
  9: 'S', // premature or ectopic supraventricular beat
  10: 'E', // ventricular escape beat
  11: 'j', // nodal (junctional) escape beat
  12: '/', // paced beat
  13: 'Q', // unclassifiable beat
  14: '~', // signal quality change
  16: '|', // isolated QRS-like artifact
  18: 's', // ST change
  19: 'T', // T-wave change
  20: '*', // systole
  21: 'D', // diastole
  22: '"', // comment annotation
  23: '=', // measurement annotation
  24: 'p', // P-wave peak
  25: 'B', // left or right bundle branch block
  26: '^', // non-conducted pacer spike
  27: 't', // T-wave peak
  28: '+', // rhythm change
  29: 'u', // U-wave peak
  30: '?', // learning
  31: '!', // ventricular flutter wave
  32: '[', // start of ventricular flutter/fibrillation
  33: ']', // end of ventricular flutter/fibrillation
  34: 'e', // atrial escape beat
  35: 'n', // supraventricular escape beat
  36: '@', // link to external data (aux holds a URL)
  37: 'x', // non-conducted P-wave (blocked APB)
  38: 'f', // fusion of paced and normal beat
  39: '(', // waveform onset
  40: ')', // waveform end
  41: 'r', // R-on-T premature ventricular contraction
};

/** Largest annotation code; 50-58 are unassigned, 59-63 are the pseudo-annotations below. */
export const ANNOTATION_CODE_MAX = 49;

/** Pseudo-annotation codes that modify the annotation stream rather than mark an event. */
export const PSEUDO_CODES = { SKIP: 59, NUM: 60, SUB: 61, CHN: 62, AUX: 63 } as const;

/** Mnemonic for a code 0..49; codes without a standard mnemonic read as "[n]", as WFDB's annstr prints them. */
export function annotationSymbol(code: number): string {
  return SYMBOLS[code] ?? `[${code}]`;
}

/** Code for a mnemonic, or null when it is not a standard one. */
export function annotationCode(symbol: string): number | null {
  for (const [code, s] of Object.entries(SYMBOLS)) if (s === symbol) return Number(code);
  return null;
}

const BEAT_SYMBOLS: ReadonlySet<string> = new Set(['N', 'L', 'R', 'B', 'A', 'a', 'J', 'S', 'V', 'r', 'F', 'e', 'j', 'n', 'E', '/', 'f', 'Q', '?']);

/** True for the WFDB beat (QRS) annotation mnemonics; rhythm, noise and wave marks are not beats. */
export function isBeatSymbol(symbol: string): boolean {
  return BEAT_SYMBOLS.has(symbol);
}
