import type { LengthPolicy } from '@efficientecg/datasets';

/** How a saved model turns a record into inputs: stored in model.json's userDefinedMetadata. */
export type PredictorMetadata = {
  experiment: string;
  variant: string;
  seed: number;
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
  | { kind: 'record'; evalPolicy: LengthPolicy }
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
