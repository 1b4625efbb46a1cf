import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EcgDataError } from '../../errors';
import type { Demographics } from '../../types';
import { readWfdbAnnotations } from '../../wfdb/annotations';
import { readWfdbRecord } from '../../wfdb/record';
import { assertFiniteRecord } from '../finite';
import { aamiClassOf, emptyAamiCounts, type AamiClass, type AamiCounts } from './aami';
import { mitdbPatientOf } from './records';

/** One annotated beat: where it is and what it is, without its samples. */
export interface MitdbBeatRef {
  record: string;
  /** Sample index of the annotation (the R peak, 360 Hz). */
  sample: number;
  symbol: string;
  aamiClass: AamiClass;
}

/** Window around each beat, in samples at the record's 360 Hz. */
export interface BeatWindow {
  before: number;
  after: number;
}

/**
 * Default window: 90 samples (250 ms) before the R peak and 166 after (461 ms),
 * 256 samples in all: the P wave, the QRS and the T wave of one beat.
 */
export const DEFAULT_BEAT_WINDOW: Readonly<BeatWindow> = Object.freeze({ before: 90, after: 166 });

export interface MitdbBeatExample extends MitdbBeatRef {
  patient: string;
  /** One Float32Array per channel, each window.before + window.after samples, in mV. */
  signals: Float32Array[];
  /** Samples from the previous / to the next annotated beat (null at the record's ends). */
  rrPrevious: number | null;
  rrNext: number | null;
  demographics: Demographics;
}

export interface IterateMitdbBeatsOptions {
  window?: BeatWindow;
  /** Channels to cut (default both: MLII and V1/V2/V4/V5). */
  channels?: number[];
  /** Only these beats (e.g. one side of an intra-patient split); default all AAMI beats of the records. */
  beats?: readonly MitdbBeatRef[];
  /** Filled while iterating: beats skipped because the window runs off the record. */
  stats?: { skippedAtEdges: number };
}

export function mitdbRecordPath(root: string, record: string): string {
  return join(root, 'mitdb', record);
}

/** Reference beats of one record with an AAMI class (rhythm, noise and unmapped symbols left out). */
export function listMitdbBeats(root: string, record: string): MitdbBeatRef[] {
  const path = mitdbRecordPath(root, record);
  if (!existsSync(path + '.atr')) throw new EcgDataError('MISSING_FILE', path + '.atr', 'MIT-BIH reference annotations not found');
  const beats: MitdbBeatRef[] = [];
  for (const a of readWfdbAnnotations(path, 'atr').annotations) {
    const aamiClass = aamiClassOf(a.symbol);
    if (aamiClass) beats.push({ record, sample: a.sample, symbol: a.symbol, aamiClass });
  }
  return beats;
}

/** AAMI class counts per record, from the annotations only (no signal is read). */
export function countMitdbBeats(root: string, records: readonly string[]): Map<string, AamiCounts> {
  const out = new Map<string, AamiCounts>();
  for (const r of records) {
    const counts = emptyAamiCounts();
    for (const b of listMitdbBeats(root, r)) counts[b.aamiClass]++;
    out.set(r, counts);
  }
  return out;
}

/**
 * Beat windows of the given records, one record in memory at a time: a 30-minute
 * two-lead record is 5.2 MB as Float32, so memory stays flat over the 48 records.
 */
export function* iterateMitdbBeats(
  root: string,
  records: readonly string[],
  options: IterateMitdbBeatsOptions = {},
): Generator<MitdbBeatExample> {
  const window = options.window ?? DEFAULT_BEAT_WINDOW;
  if (!(Number.isInteger(window.before) && Number.isInteger(window.after) && window.before >= 0 && window.after > 0)) {
    throw new EcgDataError('BAD_ARGUMENT', 'iterateMitdbBeats', `beat window must be whole samples, before >= 0 and after > 0, got ${JSON.stringify(window)}`);
  }
  const wanted = options.beats ? groupByRecord(options.beats) : null;
  for (const record of records) {
    const all = listMitdbBeats(root, record);
    const chosen = wanted ? keepChosen(all, wanted.get(record)) : all;
    if (chosen.length === 0) continue;
    const rec = readWfdbRecord(mitdbRecordPath(root, record), { channels: options.channels, verify: 'error' });
    assertFiniteRecord(rec);
    const position = new Map(all.map((b, i) => [b.sample, i]));
    for (const beat of chosen) {
      const start = beat.sample - window.before;
      const end = beat.sample + window.after;
      if (start < 0 || end > rec.nSamples) {
        if (options.stats) options.stats.skippedAtEdges++;
        continue;
      }
      const i = position.get(beat.sample)!;
      yield {
        ...beat,
        patient: mitdbPatientOf(record),
        signals: rec.signals.map((s) => s.slice(start, end)),
        rrPrevious: i > 0 ? beat.sample - all[i - 1].sample : null,
        rrNext: i + 1 < all.length ? all[i + 1].sample - beat.sample : null,
        demographics: rec.demographics,
      };
    }
  }
}

function groupByRecord(beats: readonly MitdbBeatRef[]): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const b of beats) {
    if (!out.has(b.record)) out.set(b.record, new Set());
    out.get(b.record)!.add(b.sample);
  }
  return out;
}

function keepChosen(all: MitdbBeatRef[], samples: Set<number> | undefined): MitdbBeatRef[] {
  return samples ? all.filter((b) => samples.has(b.sample)) : [];
}
