/**
 * Pan J, Tompkins WJ. A real-time QRS detection algorithm. IEEE Trans Biomed Eng
 * 1985;32(3):230-236.
 *
 * Stages as in the paper: band-pass 5-15 Hz, five-point derivative, squaring, 150 ms
 * moving-window integration; two sets of adaptive thresholds (integrated signal SPKI/NPKI,
 * band-passed signal SPKF/NPKF, threshold = NPK + 0.25 (SPK - NPK), second threshold half of
 * it), a 200 ms refractory period, T-wave discrimination (a candidate within 360 ms of the
 * previous QRS whose maximal slope is under half of that QRS's is a T wave), RR AVERAGE1
 * (last 8 RR) and RR AVERAGE2 (last 8 RR within 92-116 % of RR AVERAGE2), search-back with
 * the second thresholds when no QRS was found for 166 % of RR AVERAGE2, and halved thresholds
 * when the rhythm is irregular. Filter lengths are given in seconds (see qrs-filters.ts), so
 * the detector runs at any rate from 50 to 2000 Hz.
 *
 * Offline differences from the real-time original: the filters are centred (zero delay), the
 * squared derivative and the band-passed peak are taken as absolute values so an inverted
 * QRS is found like an upright one, and the learning phase uses the first 2 s of the record.
 */
import { fivePointDerivative, localMaxima, movingAverage, panTompkinsBandPass, samplesIn } from './qrs-filters';
import { locateRPeak } from './locate';

export interface PanTompkinsOptions {
  /** Refractory period after a QRS, seconds (paper: 0.2). */
  refractorySeconds?: number;
  /** Moving-window integration width, seconds (paper: 0.15). */
  integrationSeconds?: number;
}

interface Candidate {
  /** fiducial mark: peak of the integrated signal */
  at: number;
  peakI: number;
  peakF: number;
  /** maximal |derivative| around the mark (T-wave test) */
  slope: number;
}

/** Running RR averages of the paper. */
class RrAverages {
  private readonly recent: number[] = [];
  private readonly selected: number[] = [];
  average1: number;
  average2: number;
  constructor(initial: number) {
    this.average1 = initial;
    this.average2 = initial;
  }
  get lowLimit(): number {
    return 0.92 * this.average2;
  }
  get highLimit(): number {
    return 1.16 * this.average2;
  }
  get missedLimit(): number {
    return 1.66 * this.average2;
  }
  add(rr: number): void {
    push8(this.recent, rr);
    this.average1 = mean(this.recent);
    // the first RR intervals seed AVERAGE2; afterwards only "regular" intervals enter it
    if (this.selected.length < 2 || (rr >= this.lowLimit && rr <= this.highLimit)) {
      push8(this.selected, rr);
      this.average2 = mean(this.selected);
    }
    // a regular rhythm: all of the last 8 within limits, AVERAGE2 follows AVERAGE1
    if (this.recent.length === 8 && this.recent.every((r) => r >= this.lowLimit && r <= this.highLimit)) this.average2 = this.average1;
  }
  isIrregular(rr: number): boolean {
    return rr < this.lowLimit || rr > this.highLimit;
  }
}

function push8(a: number[], v: number): void {
  a.push(v);
  if (a.length > 8) a.shift();
}

function mean(a: number[]): number {
  let s = 0;
  for (const v of a) s += v;
  return s / a.length;
}

export function panTompkins(x: Float64Array, fs: number, opts: PanTompkinsOptions = {}): number[] {
  const n = x.length;
  const refractory = samplesIn(opts.refractorySeconds ?? 0.2, fs);
  const tWaveWindow = samplesIn(0.36, fs);
  const bp = panTompkinsBandPass(x, fs);
  const sq = fivePointDerivative(bp, fs); // squared in place: the slope test uses its square root
  for (let i = 0; i < n; i++) sq[i] *= sq[i];
  const mwi = movingAverage(sq, samplesIn((opts.integrationSeconds ?? 0.15) / 2, fs));

  // Fiducial marks: integrated-signal peaks; the QRS lies within the 150 ms window around one.
  const qrsHalf = samplesIn(0.075, fs);
  const candidates: Candidate[] = localMaxima(mwi, refractory).map((at) => {
    let peakF = 0, slope2 = 0;
    for (let i = Math.max(0, at - qrsHalf); i <= Math.min(n - 1, at + qrsHalf); i++) {
      if (Math.abs(bp[i]) > peakF) peakF = Math.abs(bp[i]);
      if (sq[i] > slope2) slope2 = sq[i];
    }
    return { at, peakI: mwi[at], peakF, slope: Math.sqrt(slope2) };
  });
  if (candidates.length === 0) return [];

  // Learning phase 1: thresholds from the first 2 s (signal level 1/3 of the max, noise 1/2 of the mean).
  const learn = Math.min(n, samplesIn(2, fs));
  let maxI = 0, sumI = 0, maxF = 0, sumF = 0;
  for (let i = 0; i < learn; i++) {
    maxI = Math.max(maxI, mwi[i]);
    sumI += mwi[i];
    maxF = Math.max(maxF, Math.abs(bp[i]));
    sumF += Math.abs(bp[i]);
  }
  let spki = maxI / 3, npki = sumI / learn / 2, spkf = maxF / 3, npkf = sumF / learn / 2;

  // T-wave discrimination: within 360 ms of a QRS and with less than half its maximal slope
  const isTWave = (c: Candidate, prev: Candidate) => c.at - prev.at < tWaveWindow && c.slope < 0.5 * prev.slope;
  const qrs: Candidate[] = [];
  const rr = new RrAverages(fs); // 60 bpm until the first intervals are known
  let lastRr = fs;
  let pending: Candidate[] = []; // noise-classified candidates since the last QRS (search-back pool)

  const thresholds = () => {
    let i1 = npki + 0.25 * (spki - npki);
    let f1 = npkf + 0.25 * (spkf - npkf);
    if (qrs.length > 2 && rr.isIrregular(lastRr)) {
      i1 *= 0.5;
      f1 *= 0.5;
    }
    return { i1, f1, i2: 0.5 * i1, f2: 0.5 * f1 };
  };
  const accept = (c: Candidate, searchBack: boolean) => {
    const w = searchBack ? 0.25 : 0.125;
    spki = w * c.peakI + (1 - w) * spki;
    spkf = w * c.peakF + (1 - w) * spkf;
    if (qrs.length) {
      lastRr = c.at - qrs[qrs.length - 1].at;
      rr.add(lastRr);
    }
    qrs.push(c);
    pending = [];
  };
  const noise = (c: Candidate) => {
    npki = 0.125 * c.peakI + 0.875 * npki;
    npkf = 0.125 * c.peakF + 0.875 * npkf;
    pending.push(c);
  };
  // Search-back: no QRS for 166 % of RR AVERAGE2 -> the largest earlier candidate above the
  // second thresholds (T waves excluded, as in the main decision).
  const searchBack = (now: number) => {
    while (qrs.length && now - qrs[qrs.length - 1].at > rr.missedLimit && pending.length) {
      const { i2, f2 } = thresholds();
      const last = qrs[qrs.length - 1];
      let best: Candidate | null = null;
      for (const c of pending) {
        if (c.at - last.at < refractory || isTWave(c, last) || c.peakI <= i2 || c.peakF <= f2) continue;
        if (!best || c.peakI > best.peakI) best = c;
      }
      if (!best) return;
      const b = best;
      const after = pending.filter((c) => c.at > b.at);
      accept(b, true);
      pending = after;
    }
  };

  for (const c of candidates) {
    searchBack(c.at);
    const prev = qrs.length ? qrs[qrs.length - 1] : null;
    if (prev && c.at - prev.at < refractory) continue; // refractory: physiologically impossible
    const { i1, f1 } = thresholds();
    if (c.peakI > i1 && c.peakF > f1) {
      if (prev && isTWave(c, prev)) noise(c);
      else accept(c, false);
    } else noise(c);
  }
  searchBack(n - 1 + Math.ceil(rr.missedLimit)); // a miss just before the end

  return qrs.map((c) => locateRPeak(x, bp, c.at, fs, 0.075));
}
