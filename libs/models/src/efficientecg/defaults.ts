import type { EfficientECGConfig } from './config';

/** Defaults: the paper's silent parts filled with the choices in ../shared/reference/paper.md. */
export const DEFAULT_EFFICIENTECG_CONFIG: Readonly<EfficientECGConfig> = Object.freeze({
  inputLength: 256,
  leads: 2,
  classes: 5,
  task: 'single-label',
  variant: 'lite',
  backbone: Object.freeze({}),
  se: true,
  lstmAE: true,
  fusion: true,
  lstmAEConfig: Object.freeze({ seqLen: 16, nFeatures: 8, hidden: 64, codeSize: 32 }),
  lstmAEFineTune: false,
  fusionConfig: Object.freeze({ d: 128, heads: 4, queryFrom: 'ecg' as const }),
  rrFeatures: 0,
  rrUnits: 16,
  dropout: 0.2,
  seed: 0,
  name: 'efficientecg',
});

/** Input names of EfficientECG (and what the experiments' example sources provide). */
export const EFFICIENTECG_INPUTS = Object.freeze({
  signal: 'signal',
  beatFeatures: 'beat_features',
  beatMask: 'beat_mask',
  age: 'age',
  sex: 'sex',
  rrFeatures: 'rr_features',
});
