/** Typed records shared by every reader and data set of libs/datasets. */

export type Sex = 'M' | 'F';

/** Why an age is null, so a "90+" patient is not confused with a missing field. */
export type AgeStatus = 'known' | 'missing' | '90+/unknown';

export interface Demographics {
  /** Age in years, null when unknown. */
  age: number | null;
  ageStatus: AgeStatus;
  sex: Sex | null;
}

/** One signal line of a WFDB header, fields named as in the WFDB spec (wfdb-python names in comments). */
export interface WfdbSignalSpec {
  fileName: string; // file_name
  format: number; // fmt, e.g. 212, 16, 80
  samplesPerFrame: number; // samps_per_frame (1 unless "212x2")
  skew: number;
  byteOffset: number; // "16+24" -> 24
  adcGain: number; // adc_gain, digital units per physical unit (200 when absent)
  baseline: number; // baseline (defaults to adcZero)
  units: string; // units ("mV" when absent)
  adcResolution: number; // adc_res (bits)
  adcZero: number; // adc_zero
  initialValue: number | null; // init_value, null when the line stops before it
  checksum: number | null; // 16-bit checksum, null when absent
  blockSize: number;
  description: string; // sig_name ("I", "MLII", "ECG")
}

export interface WfdbHeader {
  recordName: string;
  nSignals: number;
  fs: number; // frame frequency, Hz
  counterFreq: number | null;
  baseCounter: number | null;
  nSamples: number | null; // samples per signal; null when the header omits it
  baseTime: string | null;
  baseDate: string | null;
  signals: WfdbSignalSpec[];
  /** Comment lines without the leading '#', in order, trimmed. */
  comments: string[];
}

export type CheckVerdict = 'ok' | 'mismatch' | 'absent';

export interface RecordChecks {
  /** 16-bit checksum over each signal's digital samples compared with the header. */
  checksum: CheckVerdict;
  /** First digital sample of each signal compared with the header's initial value. */
  initialValue: CheckVerdict;
  /** Per-signal detail, same order as the signals. */
  perSignal: { checksum: CheckVerdict; initialValue: CheckVerdict }[];
}

/** A decoded multi-channel ECG in physical units. */
export interface EcgRecord {
  /** Record name as in the header ("100", "A00001"). */
  name: string;
  /** Path without extension, as WFDB tools name records ("../shared/data/mitdb/100"). */
  path: string;
  fs: number;
  nSamples: number;
  signalNames: string[];
  units: string[];
  gains: number[];
  baselines: number[];
  /** Physical values, one array per signal (channel-major). */
  signals: Float32Array[];
  demographics: Demographics;
  /** Labels found in the header (challenge `# Dx:` codes), empty when none. */
  labels: string[];
  comments: string[];
  checks: RecordChecks;
}

/** One MIT-format annotation (wfdb-python's Annotation fields, one object per annotation). */
export interface WfdbAnnotation {
  sample: number;
  /** Mnemonic ("N", "V", "+", "~", "|"...), from the standard WFDB code table. */
  symbol: string;
  code: number;
  subtype: number;
  chan: number;
  num: number;
  /** AUX string, e.g. "(AFIB" on rhythm annotations; "" when none. */
  aux: string;
}

export interface AnnotationSet {
  record: string;
  extension: string;
  fs: number | null;
  annotations: WfdbAnnotation[];
}
