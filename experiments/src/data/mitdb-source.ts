import { AAMI_CLASSES, isBeatSymbol, listMitdbBeats, mitdbRecordPath, readWfdbAnnotations, readWfdbRecord, type BeatWindow, type MitdbBeatRef } from '@efficientecg/datasets';
import { ArrayExampleSource, type ArrayInput } from '@efficientecg/models';
import { cleanEcg, N_RR_FEATURES, rrIntervalFeatures } from '@efficientecg/signal';
import { N_BEAT_FEATURES, recordBeatFeatures } from './beat-context';
import type { DemographicEncoder } from './demographics';
import { beatInputs, recordBeatTemplate, withRecordTemplate } from './beat-windows';
import { concatRows } from './rows';

export interface MitdbSourceOptions {
  records: readonly string[];
  window: BeatWindow;
  channels: readonly number[];
  /** Beats of context for the LSTM-AE input; 0: no beat-feature inputs. */
  contextBeats: number;
  /** Age/sex inputs for the fusion branch; absent: none. */
  demographics?: DemographicEncoder;
  /** Per-beat RR-interval ratios ("rr_features", rrIntervalFeatures over the record's reference beats). */
  rrFeatures?: boolean;
  /** Append the record's median beat (recordBeatTemplate) to each window as extra leads: "signal" becomes [window, 2 * channels]. */
  recordTemplate?: boolean;
  /** Only these beats (e.g. an intra-patient side, or a --quick cap). */
  beats?: readonly MitdbBeatRef[];
  onRecord?(record: string, beats: number): void;
}

/**
 * MIT-BIH beats as model inputs: "signal" [window, channels] from the cleaned
 * record (baseline removal + 0.5-40 Hz band-pass, then z-score per beat and lead),
 * "beat_features"/"beat_mask" [contextBeats, 8] from the reference beat positions,
 * "rr_features" [5] (RR ratios to the record's median RR) when asked, and "age"/"sex" from the header. Labels are AAMI classes, groups are records.
 */
export function buildMitdbSource(root: string, o: MitdbSourceOptions): ArrayExampleSource {
  const length = o.window.before + o.window.after;
  const signal: Float32Array[] = [];
  const feats: Float32Array[] = [];
  const masks: Float32Array[] = [];
  const rrs: Float32Array[] = [];
  const ages: number[] = [];
  const sexes: number[] = [];
  const labels: number[] = [];
  const groups: string[] = [];
  const ids: string[] = [];
  const wanted = o.beats ? new Set(o.beats.map((b) => `${b.record}:${b.sample}`)) : null;
  for (const record of o.records) {
    const path = mitdbRecordPath(root, record);
    const beats = listMitdbBeats(root, record).filter((b) => !wanted || wanted.has(`${record}:${b.sample}`));
    if (beats.length === 0) continue;
    const rec = readWfdbRecord(path, { channels: [...o.channels] });
    const cleaned = rec.signals.map((s) => Float32Array.from(cleanEcg(s, rec.fs).signal));
    const rPeaks = [...new Set(readWfdbAnnotations(path, 'atr').annotations.filter((a) => isBeatSymbol(a.symbol)).map((a) => a.sample))].sort((a, b) => a - b);
    const features = o.contextBeats > 0 ? recordBeatFeatures(cleaned[0], rec.fs, rPeaks) : [];
    const rr = o.rrFeatures ? rrIntervalFeatures(rPeaks) : null;
    // over all the record's reference beats, not only the ones kept here, as predict sees a whole record
    const template = o.recordTemplate ? recordBeatTemplate(cleaned, rPeaks, o.window) : null;
    const indexOf = new Map(rPeaks.map((s, i) => [s, i]));
    let n = 0;
    for (const b of beats) {
      const i = indexOf.get(b.sample)!;
      const x = beatInputs(cleaned, rPeaks, i, o.window, o.contextBeats > 0 ? features : null, o.contextBeats);
      if (!x) continue;
      if (rr) rrs.push(rr.subarray(i * N_RR_FEATURES, (i + 1) * N_RR_FEATURES));
      signal.push(template ? withRecordTemplate(x.signal, template, length, o.channels.length) : x.signal);
      if (x.features && x.mask) {
        feats.push(x.features);
        masks.push(x.mask);
      }
      if (o.demographics) {
        ages.push(o.demographics.age(rec.demographics));
        sexes.push(o.demographics.sex(rec.demographics));
      }
      labels.push(AAMI_CLASSES.indexOf(b.aamiClass));
      groups.push(record);
      ids.push(`${record}:${b.sample}`);
      n++;
    }
    o.onRecord?.(record, n);
  }
  const width = o.channels.length * (o.recordTemplate ? 2 : 1);
  const inputs: ArrayInput[] = [{ name: 'signal', data: concatRows(signal, length * width), shape: [length, width] }];
  if (o.contextBeats > 0) {
    inputs.push({ name: 'beat_features', data: concatRows(feats, o.contextBeats * N_BEAT_FEATURES), shape: [o.contextBeats, N_BEAT_FEATURES] });
    inputs.push({ name: 'beat_mask', data: concatRows(masks, o.contextBeats * N_BEAT_FEATURES), shape: [o.contextBeats, N_BEAT_FEATURES] });
  }
  if (o.rrFeatures) inputs.push({ name: 'rr_features', data: concatRows(rrs, N_RR_FEATURES), shape: [N_RR_FEATURES] });
  if (o.demographics) {
    inputs.push({ name: 'age', data: Float32Array.from(ages), shape: [1] });
    inputs.push({ name: 'sex', data: Float32Array.from(sexes), shape: [1] });
  }
  return new ArrayExampleSource({ inputs, nClasses: AAMI_CLASSES.length, labels: Int32Array.from(labels), groups, ids });
}
