import { assertBeatInputs } from './input';
import { DEFAULT_ATRIAL_BAND, atrialBandSignal } from './atrial-band';
import { estimateQrsOnset } from './qrs-onset';
import { RunningTemplate, templateSimilarity } from './template';
import type { PWave, PWaveOptions, PWavePolarity } from './types';

const WHERE = 'delineatePWaves';

type Resolved = Required<PWaveOptions>;

const DEFAULTS: Resolved = {
  polarity: 'upright',
  band: DEFAULT_ATRIAL_BAND,
  maxPeakLead: 0.28,
  minPeakLead: 0.03,
  minDuration: 0.04,
  maxDuration: 0.18,
  minPR: 0.08,
  maxPR: 0.3,
  minAmplitude: 0.03,
  minSnr: 2,
  minConfidence: 0.5,
};

/** A bump that passed the per-beat (template-free) checks, before the template vote. */
export interface PWaveCandidate {
  onset: number;
  peak: number;
  offset: number;
  /** Signed: negative for an inverted P wave. */
  amplitude: number;
  /** |amplitude| / local noise (in-band noise and baseline activity around the bump). */
  snr: number;
}

/** Per-beat diagnostics, for validation and tuning; `delineatePWaves` returns the public subset. */
export interface PWaveDiagnostics extends PWave {
  candidate: PWaveCandidate | null;
  /** Why no candidate was kept ('ok' when there is one). */
  reason: 'ok' | 'no-window' | 'no-bump' | 'duration' | 'pr' | 'amplitude' | 'snr';
  /** Similarity with the running template of recent P waves (null while the template is too young). */
  similarity: number | null;
}

/**
 * Find the P wave before each QRS.
 *
 * Method (per beat, on a zero-phase 0.5-15 Hz band-pass of the signal):
 * 1. QRS onset: last sample before the R peak that ends a quiet (low-slope) PR segment.
 * 2. Search window: P peak between `maxPeakLead` and `minPeakLead` before the QRS onset, never
 *    earlier than the previous beat's estimated T-wave end (prev R + 0.4 s * sqrt(RR), Bazett).
 * 3. Candidate: the most prominent local maximum (of the signal, or of its negation for
 *    inverted P); onset and offset are the "knees" farthest below the chord from a point
 *    120 ms out to the peak (the classic chord / trapezium boundary method).
 * 4. Hard checks: duration, PR interval (onset to QRS onset), amplitude, and SNR against
 *    in-band noise and against other activity in the TP/PR segments (fibrillatory waves).
 * 5. Template vote: sinus P waves keep their shape and their distance to the R peak, so each
 *    candidate is compared with an R-aligned running template (average of recent candidates,
 *    built forwards and backwards so the first beats have one too). Fibrillatory waves land at
 *    random positions and average out, so their similarity is low.
 * `present` requires all hard checks and confidence >= minConfidence; otherwise every position
 * is null: a P wave is never fabricated.
 */
export function delineatePWaves(signal: ArrayLike<number>, fs: number, rPeaks: ArrayLike<number>, options: PWaveOptions = {}): PWave[] {
  return delineatePWavesWithDiagnostics(signal, fs, rPeaks, options).map(
    ({ rPeak, present, onset, peak, offset, amplitude, qrsOnset, confidence }) => ({ rPeak, present, onset, peak, offset, amplitude, qrsOnset, confidence }),
  );
}

export function delineatePWavesWithDiagnostics(signal: ArrayLike<number>, fs: number, rPeaks: ArrayLike<number>, options: PWaveOptions = {}): PWaveDiagnostics[] {
  assertBeatInputs(signal, fs, rPeaks, WHERE);
  const o: Resolved = { ...DEFAULTS, ...options };
  if (rPeaks.length === 0) return [];
  const band = atrialBandSignal(signal, fs, o.band);
  const scratch = new Float64Array(Math.ceil((o.maxPR + 0.1) * fs) + 2);
  const n = rPeaks.length;

  const beats: PWaveDiagnostics[] = [];
  for (let i = 0; i < n; i++) {
    const r = rPeaks[i];
    const qrsOnset = estimateQrsOnset(signal, r, fs);
    const found = findCandidate(band, signal, fs, r, i > 0 ? rPeaks[i - 1] : null, qrsOnset, o, scratch);
    beats.push({
      rPeak: r,
      present: false,
      onset: null,
      peak: null,
      offset: null,
      amplitude: null,
      qrsOnset,
      confidence: 0,
      candidate: found.candidate,
      reason: found.reason,
      similarity: null,
    });
  }

  // Template vote, forwards then backwards; a beat keeps the better-informed (older) template's score.
  const span = templateSpan(fs, o);
  for (const direction of [1, -1] as const) {
    const template = new RunningTemplate(span.before + span.after + 1);
    for (let k = 0; k < n; k++) {
      const i = direction === 1 ? k : n - 1 - k;
      const beat = beats[i];
      const c = beat.candidate;
      if (!c) continue;
      const sim = template.mature ? templateSimilarity(band, beat.rPeak, c, template, span.before) : null;
      if (sim !== null && (beat.similarity === null || sim > beat.similarity)) beat.similarity = sim;
      if (c.snr >= o.minSnr) template.add(band, beat.rPeak - span.before);
    }
  }

  for (const beat of beats) {
    const c = beat.candidate;
    if (!c) continue;
    beat.confidence = confidenceOf(c.snr, beat.similarity, o.minSnr);
    if (beat.confidence >= o.minConfidence) {
      beat.present = true;
      beat.onset = c.onset;
      beat.peak = c.peak;
      beat.offset = c.offset;
      beat.amplitude = c.amplitude;
    }
  }
  return beats;
}

/** Template covers every sample a P wave may occupy, R-aligned. */
function templateSpan(fs: number, o: Resolved): { before: number; after: number } {
  return { before: Math.round((o.maxPR + 0.1) * fs), after: -Math.round(0.02 * fs) };
}

/** SNR and template similarity blended into 0..1; unknown similarity counts as neutral. */
function confidenceOf(snr: number, similarity: number | null, minSnr: number): number {
  const snrScore = clamp01((snr - minSnr) / (2 * minSnr));
  const simScore = similarity === null ? 0.5 : clamp01((similarity - 0.3) / 0.5);
  return 0.35 * snrScore + 0.65 * simScore;
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

function findCandidate(
  band: Float64Array,
  raw: ArrayLike<number>,
  fs: number,
  r: number,
  prevR: number | null,
  qrsOnset: number | null,
  o: Resolved,
  scratch: Float64Array,
): { candidate: PWaveCandidate | null; reason: PWaveDiagnostics['reason'] } {
  const end = qrsOnset ?? r - Math.round(0.06 * fs);
  const earliest = end - Math.round((o.maxPR + 0.02) * fs);
  // a window cut short by the start of the recording (and the filter's edge) is not searched
  if (prevR === null && earliest < 0) return { candidate: null, reason: 'no-window' };
  const tEnd = prevR === null ? 0 : prevR + Math.round(0.4 * Math.sqrt((r - prevR) / fs) * fs);
  const windowStart = Math.max(0, tEnd, earliest);
  const peakFrom = Math.max(windowStart + 1, end - Math.round(o.maxPeakLead * fs));
  const peakTo = Math.min(end - 1, end - Math.round(o.minPeakLead * fs));
  if (peakTo - peakFrom < 2) return { candidate: null, reason: 'no-window' };

  const polarities: Array<1 | -1> = polarityList(o.polarity);
  let best: PWaveCandidate | null = null;
  let bestReason: PWaveDiagnostics['reason'] = 'no-bump';
  for (const sign of polarities) {
    const got = candidateForSign(band, raw, fs, sign, windowStart, peakFrom, peakTo, end, o, scratch);
    if (got.candidate && (!best || got.candidate.snr > best.snr)) best = got.candidate;
    else if (!best && got.reason !== 'no-bump') bestReason = got.reason;
  }
  return best ? { candidate: best, reason: 'ok' } : { candidate: null, reason: bestReason };
}

function polarityList(p: PWavePolarity): Array<1 | -1> {
  return p === 'upright' ? [1] : p === 'inverted' ? [-1] : [1, -1];
}

function candidateForSign(
  band: Float64Array,
  raw: ArrayLike<number>,
  fs: number,
  sign: 1 | -1,
  windowStart: number,
  peakFrom: number,
  peakTo: number,
  end: number,
  o: Resolved,
  scratch: Float64Array,
): { candidate: PWaveCandidate | null; reason: PWaveDiagnostics['reason'] } {
  const v = (k: number) => sign * band[k];
  const halfMax = Math.round((o.maxDuration / 2) * fs);

  // most prominent local maximum in the peak range
  let peak = -1;
  let bestProminence = 0;
  for (let k = peakFrom; k <= peakTo; k++) {
    if (!(v(k) >= v(k - 1) && v(k) > v(k + 1))) continue;
    let leftMin = Infinity;
    for (let j = Math.max(windowStart, k - halfMax); j < k; j++) leftMin = Math.min(leftMin, v(j));
    let rightMin = Infinity;
    for (let j = k + 1; j <= Math.min(end, k + halfMax); j++) rightMin = Math.min(rightMin, v(j));
    const prominence = v(k) - Math.max(leftMin, rightMin);
    if (prominence > bestProminence) {
      bestProminence = prominence;
      peak = k;
    }
  }
  if (peak < 0) return { candidate: null, reason: 'no-bump' };

  const reach = Math.round(0.12 * fs);
  // the band-pass smears the QRS upstroke ~25 ms back from its onset: keep the P offset clear of it
  const clearEnd = Math.max(peak + 3, end - Math.round(0.025 * fs));
  const onset = chordKnee(v, Math.max(windowStart, peak - reach), peak);
  const offset = chordKnee(v, peak, Math.min(clearEnd, peak + reach));
  if (onset === null || offset === null) return { candidate: null, reason: 'no-bump' };

  const duration = (offset - onset) / fs;
  if (duration < o.minDuration || duration > o.maxDuration) return { candidate: null, reason: 'duration' };
  const pr = (end - onset) / fs;
  if (pr < o.minPR || pr > o.maxPR) return { candidate: null, reason: 'pr' };
  const baseline = (v(onset) + v(offset)) / 2;
  const height = v(peak) - baseline;
  if (height < o.minAmplitude) return { candidate: null, reason: 'amplitude' };

  const noise = localNoise(band, raw, fs, windowStart, onset, offset, clearEnd, o.band.highHz, scratch);
  const snr = height / noise;
  if (snr < o.minSnr) return { candidate: null, reason: 'snr' };
  return { candidate: { onset, peak, offset, amplitude: sign * height, snr }, reason: 'ok' };
}

/**
 * Boundary of a wave between `from` and `to` (one of them the peak): the sample farthest
 * below the straight line joining the two ends. Null when the span is too short.
 */
function chordKnee(v: (k: number) => number, from: number, to: number): number | null {
  if (to - from < 2) return null;
  const a = v(from);
  const slope = (v(to) - a) / (to - from);
  let best = -Infinity;
  let at = -1;
  for (let k = from + 1; k < to; k++) {
    const below = a + slope * (k - from) - v(k);
    if (below > best) {
      best = below;
      at = k;
    }
  }
  return at;
}

/**
 * Noise the bump must stand out from: the larger of (a) broadband noise from the raw signal's
 * sample-to-sample differences, scaled to the band-pass width, and (b) baseline activity
 * (detrended peak-to-peak) in the TP segment before the onset and the PR segment after the
 * offset, where fibrillatory waves show up. Floored at 5 uV so a perfectly clean synthetic
 * signal does not divide by zero.
 */
function localNoise(
  band: Float64Array,
  raw: ArrayLike<number>,
  fs: number,
  windowStart: number,
  onset: number,
  offset: number,
  end: number,
  highHz: number,
  scratch: Float64Array,
): number {
  let m = 0;
  for (let k = Math.max(1, windowStart); k <= end && m < scratch.length; k++) scratch[m++] = Math.abs(raw[k] - raw[k - 1]);
  const diffs = scratch.subarray(0, m).sort();
  const mad = m ? diffs[m >> 1] : 0;
  const broadband = ((mad / 0.6745) / Math.SQRT2) * Math.sqrt((2 * highHz) / fs);
  const minSpan = Math.round(0.03 * fs);
  let activity = 0;
  if (onset - windowStart >= minSpan) activity = Math.max(activity, detrendedRange(band, windowStart, onset));
  if (end - offset >= minSpan) activity = Math.max(activity, detrendedRange(band, offset, end));
  return Math.max(broadband, activity / 2, 0.005);
}

/** Peak-to-peak of band[from..to] after removing the straight line through its end points. */
function detrendedRange(band: Float64Array, from: number, to: number): number {
  const a = band[from];
  const slope = (band[to] - a) / (to - from);
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = from; k <= to; k++) {
    const d = band[k] - (a + slope * (k - from));
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  return hi - lo;
}
