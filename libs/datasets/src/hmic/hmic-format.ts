/** HMIC (Hefei Hi-tech Cup) 8-lead ECG text format constants. */
export const HMIC_LEADS = ['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'] as const;
export const HMIC_FS = 500;
/** 10 s at 500 Hz. */
export const HMIC_SAMPLES = 5000;
/** One stored integer is 4.88 microvolts. */
export const HMIC_MV_PER_UNIT = 0.00488;

export interface HmicLabelRow {
  age: number | null;
  sex: 'M' | 'F' | null;
  labels: string[];
}

/** Label file rows by record id (the file name without ".txt"). */
export type HmicLabelTable = Map<string, HmicLabelRow>;
