import * as tf from '@tensorflow/tfjs';
import { CINC2017_CLASSES, applyLengthPolicy, assertFiniteRecord, readWfdbRecord, type Cinc2017Entry, type LengthPolicy, type Rng } from '@efficientecg/datasets';
import { ArrayExampleSource, type ArrayInput, type ExampleSource, type TensorBatch } from '@efficientecg/models';
import { N_RHYTHM_FEATURES, recordRhythmFeatures, type BeatFeatures } from '@efficientecg/signal';
import { analyseLead } from './lead-analysis';
import { N_BEAT_FEATURES } from './beat-context';
import { zscoreInto } from './normalize';
import { concatRows } from './rows';
import { windowFeatureSequence } from './window-features';

/** A CinC 2017 record cleaned, resampled and analysed once; windows are cut from it per batch. */
export interface PreparedRecord {
  id: string;
  labelIndex: number;
  fs: number;
  signal: Float32Array;
  rPeaks: Int32Array;
  features: BeatFeatures[];
}

/** Clean (baseline + 0.5-40 Hz), resample to `fs`, detect R peaks (`rPeakMethod`, absent: the default detector) and compute beat features. */
export function prepareCinc2017Records(entries: readonly Cinc2017Entry[], options: { fs: number; withFeatures: boolean; rPeakMethod?: string; onRecord?(i: number): void }): PreparedRecord[] {
  return entries.map((e, i) => {
    const rec = readWfdbRecord(e.path, { verify: 'skip' });
    assertFiniteRecord(rec);
    const lead = analyseLead(rec.signals[0], rec.fs, options.fs, options.withFeatures, options.rPeakMethod);
    options.onRecord?.(i);
    return { id: e.record, labelIndex: CINC2017_CLASSES.indexOf(e.label), fs: options.fs, ...lead };
  });
}

function windowStart(n: number, length: number, training: boolean, rng: Rng): number {
  if (n <= length) return 0;
  return training ? Math.floor(rng() * (n - length + 1)) : Math.floor((n - length) / 2);
}

/**
 * Training source: one fixed-length window per record per draw, a seeded random crop
 * when training and the centre crop otherwise (shorter records zero-padded).
 */
export class RecordCropSource implements ExampleSource {
  readonly size: number;
  readonly nClasses = CINC2017_CLASSES.length;
  readonly labels: Int32Array;
  readonly multiHot = null;
  readonly groups: readonly string[];
  readonly ids: readonly string[];

  private readonly rhythms: readonly Float32Array[] | null;

  constructor(
    private readonly records: readonly PreparedRecord[],
    private readonly length: number,
    private readonly contextBeats: number,
    /** Add the record's rhythm features ("rr_features"), the same vector for every window of a record. */
    private readonly rhythm = false,
    private readonly inputNames: readonly string[] = recordInputNames(contextBeats, rhythm),
  ) {
    this.size = records.length;
    this.rhythms = rhythm ? records.map(rhythmOf) : null;
    this.labels = Int32Array.from(records, (r) => r.labelIndex);
    this.groups = records.map((r) => r.id);
    this.ids = records.map((r) => r.id);
  }

  /** Every window of every record under `policy`, as fixed inputs (e.g. the LSTM-AE pretraining sequences). */
  windows(policy: LengthPolicy): ArrayExampleSource {
    return recordWindowSource(this.records, policy, this.contextBeats, this.rhythm);
  }

  forModel(inputNames: readonly string[]): RecordCropSource {
    return new RecordCropSource(this.records, this.length, this.contextBeats, this.rhythm, inputNames);
  }

  batch(indices: readonly number[], options: { training: boolean; rng: Rng }): TensorBatch {
    const b = indices.length;
    const L = this.length;
    const S = this.contextBeats;
    const x = new Float32Array(b * L);
    const f = new Float32Array(b * S * N_BEAT_FEATURES);
    const m = new Float32Array(b * S * N_BEAT_FEATURES);
    const y = new Float32Array(b * this.nClasses);
    const rr = new Float32Array(this.rhythms ? b * N_RHYTHM_FEATURES : 0);
    indices.forEach((i, r) => {
      const rec = this.records[i];
      const start = windowStart(rec.signal.length, L, options.training, options.rng);
      const end = Math.min(rec.signal.length, start + L);
      const w = new Float32Array(L);
      w.set(rec.signal.subarray(start, end));
      zscoreInto(w, end - start, 1);
      x.set(w, r * L);
      if (S > 0) {
        const seq = windowFeatureSequence(rec.features, start, end, S);
        f.set(seq.values, r * S * N_BEAT_FEATURES);
        m.set(seq.mask, r * S * N_BEAT_FEATURES);
      }
      if (this.rhythms) rr.set(this.rhythms[i], r * N_RHYTHM_FEATURES);
      y[r * this.nClasses + rec.labelIndex] = 1;
    });
    const byName: Record<string, () => tf.Tensor> = {
      signal: () => tf.tensor3d(x, [b, L, 1]),
      beat_features: () => tf.tensor3d(f, [b, S, N_BEAT_FEATURES]),
      beat_mask: () => tf.tensor3d(m, [b, S, N_BEAT_FEATURES]),
      rr_features: () => tf.tensor2d(rr, [b, N_RHYTHM_FEATURES]),
    };
    return { inputs: this.inputNames.map((n) => byName[n]()), targets: tf.tensor2d(y, [b, this.nClasses]) };
  }
}

/** Model inputs a record source provides: the window, the LSTM-AE's beat context, the record's rhythm. */
export function recordInputNames(contextBeats: number, rhythm: boolean): string[] {
  return ['signal', ...(contextBeats > 0 ? ['beat_features', 'beat_mask'] : []), ...(rhythm ? ['rr_features'] : [])];
}

/** The record's rhythm over all of it, from the beats found at the model's rate. */
function rhythmOf(rec: PreparedRecord): Float32Array {
  return recordRhythmFeatures(rec.features, rec.fs, rec.signal.length);
}

/** Evaluation source: every window of every record under a length policy (sliding by default); groups are records. */
export function recordWindowSource(records: readonly PreparedRecord[], policy: LengthPolicy, contextBeats: number, rhythm = false): ArrayExampleSource {
  const L = policy.length;
  const sig: Float32Array[] = [];
  const feats: Float32Array[] = [];
  const masks: Float32Array[] = [];
  const rhythms: Float32Array[] = [];
  const labels: number[] = [];
  const groups: string[] = [];
  const ids: string[] = [];
  for (const rec of records) {
    const windows = applyLengthPolicy(rec.signal, policy, { record: rec.id });
    const recordRhythm = rhythm ? rhythmOf(rec) : null;
    windows.forEach((w, k) => {
      // where this window sits in the record, for its beats (sliding: stride steps, last one end-aligned)
      const start = policyWindowStart(policy, rec.signal.length, k);
      const valid = Math.min(L, rec.signal.length - start);
      const copy = Float32Array.from(w);
      zscoreInto(copy, valid, 1);
      sig.push(copy);
      if (contextBeats > 0) {
        const seq = windowFeatureSequence(rec.features, start, start + valid, contextBeats);
        feats.push(seq.values);
        masks.push(seq.mask);
      }
      if (recordRhythm) rhythms.push(recordRhythm);
      labels.push(rec.labelIndex);
      groups.push(rec.id);
      ids.push(`${rec.id}#${k}`);
    });
  }
  const inputs: ArrayInput[] = [{ name: 'signal', data: concatRows(sig, L), shape: [L, 1] }];
  if (contextBeats > 0) {
    inputs.push({ name: 'beat_features', data: concatRows(feats, contextBeats * N_BEAT_FEATURES), shape: [contextBeats, N_BEAT_FEATURES] });
    inputs.push({ name: 'beat_mask', data: concatRows(masks, contextBeats * N_BEAT_FEATURES), shape: [contextBeats, N_BEAT_FEATURES] });
  }
  if (rhythm) inputs.push({ name: 'rr_features', data: concatRows(rhythms, N_RHYTHM_FEATURES), shape: [N_RHYTHM_FEATURES] });
  return new ArrayExampleSource({ inputs, nClasses: CINC2017_CLASSES.length, labels: Int32Array.from(labels), groups, ids });
}

/** Where window k of a length policy starts in a record of n samples (sliding: stride steps, the last one end-aligned). */
export function policyWindowStart(policy: LengthPolicy, n: number, k: number): number {
  if (policy.kind === 'sliding') return Math.min(k * policy.stride, Math.max(0, n - policy.length));
  if (policy.kind === 'crop' || policy.kind === 'crop-or-pad') return cropStart(n, policy.length, policy.anchor);
  return 0;
}

function cropStart(n: number, length: number, anchor: 'start' | 'center' | 'random' | undefined): number {
  if (n <= length || anchor === undefined || anchor === 'start') return 0;
  if (anchor === 'center') return Math.floor((n - length) / 2);
  throw new RangeError("evaluation windows cannot use a random crop; use 'center' or a sliding policy");
}
