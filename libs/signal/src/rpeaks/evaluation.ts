/**
 * Beat-by-beat QRS detection scoring in the style of ANSI/AAMI EC57 (and PhysioNet's `bxb`).
 *
 * Choices, and why:
 * - Matching is one-to-one, closest pair first: every (reference, detection) pair within the
 *   match window is considered in order of increasing distance (ties: earlier first) and
 *   accepted when neither side is taken yet. Each reference beat is matched at most once and
 *   each detection at most once, so TP + FN = reference beats and TP + FP = detections.
 * - Matching runs over the whole record; exclusions (a learning period before `startSeconds`,
 *   ventricular flutter/fibrillation episodes) only decide which outcomes are *counted*. This
 *   avoids artificial misses at the edge of an excluded stretch.
 * - By default the whole record is scored (`startSeconds = 0`). EC57 lets a detector use the
 *   first 5 minutes as a learning period (bxb's `-f 0:5:0`), but most published MIT-BIH QRS
 *   figures, and our target, score the whole record; pass `startSeconds: 300` to mimic bxb.
 * - VF episodes (between the rhythm marks `[` and `]` of the MIT format) are excluded, as EC57
 *   requires for QRS detection: they hold no beat annotations, so any detection there would
 *   otherwise count as a false positive (record 207 has such episodes).
 */
import { SignalError } from '../errors';

export interface MatchOptions {
  /** Match window half-width in milliseconds (EC57: 150 ms). */
  windowMs?: number;
  /** Outcomes before this time are not counted (learning period), default 0. */
  startSeconds?: number;
  /** Sample intervals [start, end) whose outcomes are not counted (e.g. VF episodes). */
  excluded?: ReadonlyArray<readonly [number, number]>;
}

export interface BeatMatch {
  tp: number;
  fp: number;
  fn: number;
  /** Sensitivity TP / (TP + FN), percent (100 when there are no reference beats). */
  se: number;
  /** Positive predictivity TP / (TP + FP), percent (100 when nothing was detected). */
  ppv: number;
  /** Harmonic mean of Se and +P, percent. */
  f1: number;
  /** Per matched pair: detection minus reference, in samples (counted pairs only). */
  offsets: number[];
  /** Unmatched counted reference samples (misses) and detections (false alarms). */
  missed: number[];
  falseAlarms: number[];
}

export interface DetectionCounts {
  tp: number;
  fp: number;
  fn: number;
}

/** Se, +P and F1 in percent from counts. */
export function detectionScores(c: DetectionCounts): { se: number; ppv: number; f1: number } {
  const se = c.tp + c.fn ? (100 * c.tp) / (c.tp + c.fn) : 100;
  const ppv = c.tp + c.fp ? (100 * c.tp) / (c.tp + c.fp) : 100;
  const f1 = se + ppv ? (2 * se * ppv) / (se + ppv) : 0;
  return { se, ppv, f1 };
}

function assertSortedSamples(x: ArrayLike<number>, name: string): void {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new SignalError('NAN_SAMPLES', 'matchBeats', `${name}[${i}] is ${x[i]}`);
    if (i > 0 && x[i] < x[i - 1]) throw new SignalError('BAD_ARGUMENT', 'matchBeats', `${name} must be sorted ascending (index ${i})`);
  }
}

/** Match detections to reference beats (sample indices, sorted) and count TP/FP/FN. */
export function matchBeats(reference: ArrayLike<number>, detected: ArrayLike<number>, fs: number, opts: MatchOptions = {}): BeatMatch {
  if (!Number.isFinite(fs) || fs <= 0) throw new SignalError('BAD_SAMPLING_RATE', 'matchBeats', `fs must be > 0, got ${fs}`);
  const windowMs = opts.windowMs ?? 150;
  if (!Number.isFinite(windowMs) || windowMs < 0) throw new SignalError('BAD_ARGUMENT', 'matchBeats', `windowMs must be >= 0, got ${windowMs}`);
  assertSortedSamples(reference, 'reference');
  assertSortedSamples(detected, 'detected');
  const w = (windowMs / 1000) * fs;

  // Candidate pairs within the window; both lists are sorted, so a sliding start suffices.
  const pairs: [number, number, number][] = [];
  let j0 = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i];
    while (j0 < detected.length && detected[j0] < r - w) j0++;
    for (let j = j0; j < detected.length && detected[j] <= r + w; j++) pairs.push([Math.abs(detected[j] - r), i, j]);
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const refMatch = new Int32Array(reference.length).fill(-1);
  const detMatched = new Uint8Array(detected.length);
  for (const [, i, j] of pairs) {
    if (refMatch[i] >= 0 || detMatched[j]) continue;
    refMatch[i] = j;
    detMatched[j] = 1;
  }

  const start = (opts.startSeconds ?? 0) * fs;
  const excluded = opts.excluded ?? [];
  const counted = (s: number) => s >= start && !excluded.some(([a, b]) => s >= a && s < b);
  const out: BeatMatch = { tp: 0, fp: 0, fn: 0, se: 0, ppv: 0, f1: 0, offsets: [], missed: [], falseAlarms: [] };
  for (let i = 0; i < reference.length; i++) {
    if (!counted(reference[i])) continue;
    if (refMatch[i] >= 0) {
      out.tp++;
      out.offsets.push(detected[refMatch[i]] - reference[i]);
    } else {
      out.fn++;
      out.missed.push(reference[i]);
    }
  }
  for (let j = 0; j < detected.length; j++) {
    if (!detMatched[j] && counted(detected[j])) {
      out.fp++;
      out.falseAlarms.push(detected[j]);
    }
  }
  Object.assign(out, detectionScores(out));
  return out;
}

/** An annotation as the MIT format reader returns it (only the fields used here). */
export interface AnnotationLike {
  sample: number;
  symbol: string;
}

/**
 * Ventricular flutter/fibrillation episodes as [start, end) sample intervals: from each `[`
 * to the next `]` (or to `recordLength`, default +Infinity, when the record ends in VF).
 */
export function vfEpisodes(annotations: readonly AnnotationLike[], recordLength = Infinity): [number, number][] {
  const out: [number, number][] = [];
  let open: number | null = null;
  for (const a of annotations) {
    if (a.symbol === '[' && open === null) open = a.sample;
    else if (a.symbol === ']' && open !== null) {
      out.push([open, a.sample + 1]);
      open = null;
    }
  }
  if (open !== null) out.push([open, recordLength]);
  return out;
}

export interface RecordEvaluation extends BeatMatch {
  record: string;
  /** Reference beats that were counted (outside excluded stretches). */
  refBeats: number;
  /** Seconds excluded as VF episodes. */
  vfSeconds: number;
}

/**
 * Score one record: reference = beat annotations (`isBeat` selects them, e.g. isBeatSymbol
 * from @efficientecg/datasets), VF episodes excluded, then `matchBeats`.
 */
export function evaluateRecord(
  record: string,
  annotations: readonly AnnotationLike[],
  isBeat: (symbol: string) => boolean,
  detected: ArrayLike<number>,
  fs: number,
  opts: Omit<MatchOptions, 'excluded'> & { recordLength?: number } = {},
): RecordEvaluation {
  const reference = annotations.filter((a) => isBeat(a.symbol)).map((a) => a.sample);
  reference.sort((a, b) => a - b);
  const excluded = vfEpisodes(annotations, opts.recordLength);
  const m = matchBeats(reference, detected, fs, { ...opts, excluded });
  const vfSamples = excluded.reduce((n, [a, b]) => n + (Number.isFinite(b) ? b - a : 0), 0);
  return { record, refBeats: m.tp + m.fn, vfSeconds: vfSamples / fs, ...m };
}

/** Gross (pooled) statistics: counts summed over records, then Se/+P/F1 from the sums. */
export function pooledScores(records: readonly DetectionCounts[]): DetectionCounts & { se: number; ppv: number; f1: number; refBeats: number } {
  const c = { tp: 0, fp: 0, fn: 0 };
  for (const r of records) {
    c.tp += r.tp;
    c.fp += r.fp;
    c.fn += r.fn;
  }
  return { ...c, refBeats: c.tp + c.fn, ...detectionScores(c) };
}
