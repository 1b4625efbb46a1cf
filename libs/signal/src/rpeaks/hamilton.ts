/**
 * Hamilton PS, Tompkins WJ. Quantitative investigation of QRS detection rules using the
 * MIT/BIH arrhythmia database. IEEE Trans Biomed Eng 1986;33(12):1157-1165; as refined in
 * Hamilton P. Open source ECG analysis. Computers in Cardiology 2002;29:101-104 (the
 * "EP Limited" detector).
 *
 * Pre-processing: 8-25 Hz-ish band-pass (two 25 ms moving averages, minus a 125 ms moving
 * average), 10 ms difference, absolute value, 80 ms moving-window integration. A peak of the
 * integrated signal is declared when it falls to half its maximum or 95 ms have passed since
 * the maximum. The detection rules of the 1986 paper:
 *  1. a peak within 200 ms of a larger one is ignored;
 *  2. the raw signal must hold both a positive and a negative slope of comparable size within
 *     150 ms of each other, otherwise the peak is a baseline shift;
 *  3. a peak within 360 ms of the previous QRS whose maximal slope is under half of that QRS's
 *     is a T wave;
 *  4. a peak above threshold = noise level + TH (QRS level - noise level) is a QRS, where the
 *     levels are medians of the last 8 QRS and noise peaks and TH = 0.475 (EP Limited);
 *  5. no QRS for 1.5 median RR: the largest peak above half the threshold that lies at least
 *     360 ms after the previous QRS is taken (search-back).
 * The levels start from the maxima of the first 8 one-second stretches, and are re-seeded
 * the same way after 8 s without a detection (electrode noise, a lead change).
 * Offline implementation: centred filters, so the integrated-signal peak marks the QRS.
 */
import { movingAverage, samplesIn } from './qrs-filters';
import { locateRPeak } from './locate';

export interface HamiltonOptions {
  /** Threshold fraction between the noise and QRS levels (EP Limited with medians: 0.475). */
  threshold?: number;
}

const medianScratch = new Float64Array(8);
/** Median of the 8-entry level buffers (upper middle, as EP Limited): insertion sort, no allocation. */
function median8(a: Float64Array): number {
  const s = medianScratch;
  for (let i = 0; i < 8; i++) {
    const v = a[i];
    let j = i;
    for (; j > 0 && s[j - 1] > v; j--) s[j] = s[j - 1];
    s[j] = v;
  }
  return s[4];
}

function shiftIn(a: Float64Array, v: number): void {
  a.copyWithin(1, 0, a.length - 1);
  a[0] = v;
}

/** Hamilton's band-pass, 10 ms difference, absolute value and 80 ms integration. */
function hamiltonFilter(x: Float64Array, fs: number): { bp: Float64Array; mwi: Float64Array } {
  const lpHalf = samplesIn(0.0125, fs);
  const tmp = movingAverage(x, lpHalf);
  const lp = movingAverage(tmp, lpHalf);
  const bp = movingAverage(lp, samplesIn(0.0625, fs), tmp);
  for (let i = 0; i < lp.length; i++) bp[i] = lp[i] - bp[i];
  const k = samplesIn(0.01, fs);
  const d = lp; // the low-passed signal is no longer needed: reuse its buffer
  d.fill(0, 0, Math.min(k, d.length));
  for (let i = k; i < x.length; i++) d[i] = Math.abs(bp[i] - bp[i - k]);
  const mwi = movingAverage(d, samplesIn(0.04, fs));
  // the difference looks back k samples: shift by k/2 so peaks stay centred on the QRS
  const half = k >> 1;
  if (half) {
    mwi.copyWithin(0, half);
    mwi.fill(mwi[mwi.length - half - 1], mwi.length - half);
  }
  return { bp, mwi };
}

interface Peak {
  at: number;
  height: number;
}

/** Rule-1 peaks: the Peak() rule of EP Limited, holding each one 200 ms for a larger one. */
function integratedPeaks(mwi: Float64Array, fs: number): Peak[] {
  const ms95 = samplesIn(0.095, fs), ms200 = samplesIn(0.2, fs);
  const raw: Peak[] = [];
  let max = 0, maxAt = 0, since = 0, last = 0;
  for (let i = 0; i < mwi.length; i++) {
    const v = mwi[i];
    if (since > 0) since++;
    if (v > last && v > max) {
      max = v;
      maxAt = i;
      since = 1;
    } else if (since > 0 && (v < max / 2 || since > ms95)) {
      raw.push({ at: maxAt, height: max });
      max = 0;
      since = 0;
    }
    last = v;
  }
  // a peak followed or preceded within 200 ms by a larger one is dropped
  const out: Peak[] = [];
  for (const p of raw) {
    const prev = out[out.length - 1];
    if (prev && p.at - prev.at < ms200) {
      if (p.height > prev.height) out[out.length - 1] = p;
    } else out.push(p);
  }
  return out;
}

export function hamilton(x: Float64Array, fs: number, opts: HamiltonOptions = {}): number[] {
  const n = x.length;
  const th = opts.threshold ?? 0.475;
  const { bp, mwi } = hamiltonFilter(x, fs);
  const peaks = integratedPeaks(mwi, fs);
  if (!peaks.length) return [];

  // raw-signal slope (10 ms difference) for the baseline-shift and T-wave rules
  const k = samplesIn(0.01, fs);
  const slope = (i: number) => (i >= k && i < n ? x[i] - x[i - k] : 0);
  const ms110 = samplesIn(0.11, fs), ms150 = samplesIn(0.15, fs), ms360 = samplesIn(0.36, fs);
  const second = samplesIn(1, fs);
  /** Rule 2 (and the slope for rule 3): max positive and negative slope within 220 ms. */
  const slopes = (at: number) => {
    let max = 0, min = 0, maxT = at, minT = at;
    for (let i = at - ms110; i <= at + ms110; i++) {
      const s = slope(i);
      if (s > max) {
        max = s;
        maxT = i;
      } else if (s < min) {
        min = s;
        minT = i;
      }
    }
    const isShift = !(max > -min / 8 && -min > max / 8 && Math.abs(maxT - minT) < ms150);
    return { maxSlope: Math.max(max, -min), isShift };
  };

  const qrsLevels = new Float64Array(8), noiseLevels = new Float64Array(8), rrs = new Float64Array(8).fill(second);
  let qrsLevel = 0, noiseLevel = 0, rrMedian = second, threshold = 0;
  const update = () => {
    qrsLevel = median8(qrsLevels);
    noiseLevel = median8(noiseLevels);
    threshold = noiseLevel + th * (qrsLevel - noiseLevel);
  };
  /** (Re-)seed the levels from the largest peak in each of 8 one-second stretches from `from`. */
  const seed = (from: number) => {
    const maxima = new Float64Array(8);
    for (const p of peaks) {
      const s = Math.floor((p.at - from) / second);
      if (s >= 0 && s < 8) maxima[s] = Math.max(maxima[s], p.height);
    }
    qrsLevels.set(maxima);
    noiseLevels.fill(0);
    rrs.fill(second);
    rrMedian = second;
    update();
  };
  seed(0);

  const detected: { at: number; maxSlope: number }[] = [];
  let lastQrs = -Infinity, lastSlope = 0;
  let sb: { at: number; height: number; maxSlope: number } | null = null;
  let lastEvent = 0; // last detection or re-seed: 8 s of silence re-seeds the levels
  const acceptQrs = (at: number, height: number, maxSlope: number) => {
    shiftIn(qrsLevels, height);
    if (Number.isFinite(lastQrs)) {
      shiftIn(rrs, at - lastQrs);
      rrMedian = median8(rrs);
    }
    update();
    detected.push({ at, maxSlope });
    lastQrs = at;
    lastSlope = maxSlope;
    lastEvent = at;
    sb = null;
  };
  // Search-back fires once 1.5 median RR has passed since the last QRS.
  const searchBack = (now: number) => {
    if (sb && Number.isFinite(lastQrs) && now - lastQrs > 1.5 * rrMedian && sb.height > threshold / 2) {
      acceptQrs(sb.at, sb.height, sb.maxSlope);
    }
  };

  for (const p of peaks) {
    searchBack(p.at);
    if (p.at - lastEvent > 8 * second) {
      seed(p.at - 8 * second);
      lastEvent = p.at;
      sb = null;
    }
    const { maxSlope, isShift } = slopes(p.at);
    if (isShift) continue; // rule 2
    const sinceQrs = p.at - lastQrs;
    const tWave = sinceQrs < ms360 && maxSlope < lastSlope / 2; // rule 3
    if (p.height > threshold && !tWave) acceptQrs(p.at, p.height, maxSlope); // rule 4
    else {
      shiftIn(noiseLevels, p.height);
      update();
      if (sinceQrs >= ms360 && (!sb || p.height > sb.height)) sb = { at: p.at, height: p.height, maxSlope };
    }
  }
  searchBack(n + 2 * rrMedian);

  return detected.map((d) => locateRPeak(x, bp, d.at, fs, 0.06));
}
