import type { LengthPolicy } from '@efficientecg/datasets';

/** How a saved model turns a record into inputs: stored in model.json's userDefinedMetadata. */
export type PredictorMetadata = {
  experiment: string;
  variant: string;
  seed: number;
  /** A seed (or fold) ensemble's member seeds, in member order; absent for one model (at `seed`). */
  seeds?: number[];
  task: 'single-label' | 'multi-label';
  classNames: string[];
  /** Logical input names in model order. */
  inputNames: string[];
  /** Sampling rate the model was trained at; records are resampled to it. */
  fs: number;
  /** Leads the model reads (the first `leads` signals of a record). */
  leads: number;
  /** Beat-feature context length (0: no LSTM-AE inputs). */
  contextBeats: number;
} & (
  | {
      kind: 'record';
      evalPolicy: LengthPolicy;
      /** R-peak detector the beat inputs were found with (absent in older models: the library default, pan-tompkins). */
      rPeakMethod?: string;
    }
  | {
      kind: 'beat';
      window: { before: number; after: number };
      /** The record's median beat rides beside each window as `leads` more input leads (absent in older models: false). */
      recordTemplate?: boolean;
    }
);

export function isPredictorMetadata(m: unknown): m is PredictorMetadata {
  const x = m as Partial<PredictorMetadata> | null;
  return !!x && (x.kind === 'record' || x.kind === 'beat') && Array.isArray(x.classNames) && Array.isArray(x.inputNames) && typeof x.fs === 'number';
}

/** A seed ensemble's predictor folder holds this file (and no model.json): its member folders, in order. */
export const ENSEMBLE_FILE = 'ensemble.json';

export interface EnsembleManifest {
  /** Member folders (relative), each a model.json + weights.bin with its own predictor metadata. */
  members: string[];
  /** How records become inputs (shared by the members), with the members' seeds. */
  predictor: PredictorMetadata;
}
