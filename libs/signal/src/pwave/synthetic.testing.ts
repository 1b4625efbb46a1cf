import { createRng } from '@efficientecg/datasets';

/**
 * Synthetic ECG for P-wave unit tests: Gaussian QRS, T and P waves at known positions, plus
 * seeded white noise and optional 4-8 Hz fibrillatory waves. Test-only (DSP math checks).
 */
export interface SyntheticBeatTrainOptions {
  fs: number;
  beats: number;
  rr: number | ((i: number) => number);
  pAmplitude?: number; // 0 = no P waves
  pSigma?: number;
  /** P peak to R peak, seconds. */
  pLead?: number;
  qrsSigma?: number;
  noise?: number;
  fibrillation?: number; // amplitude of f-waves, 0 = none
  seed?: number;
}

export interface SyntheticBeatTrain {
  signal: Float64Array;
  rPeaks: number[];
  /** True P peak sample per beat (fractional), and the +-2.5 sigma boundaries. */
  pPeaks: number[];
  pOnsets: number[];
  pOffsets: number[];
  /** True QRS onset (R - 2.5 qrsSigma), fractional samples. */
  qrsOnsets: number[];
}

export function syntheticBeatTrain(o: SyntheticBeatTrainOptions): SyntheticBeatTrain {
  const { fs, beats } = o;
  const pAmp = o.pAmplitude ?? 0.15;
  const pSigma = o.pSigma ?? 0.02;
  const pLead = o.pLead ?? 0.17;
  const qrsSigma = o.qrsSigma ?? 0.01;
  const rrAt = typeof o.rr === 'function' ? o.rr : () => o.rr as number;
  const rPeaks: number[] = [];
  let t = 0.6;
  for (let i = 0; i < beats; i++) {
    rPeaks.push(Math.round(t * fs));
    t += rrAt(i);
  }
  const n = Math.round((t + 0.4) * fs);
  const signal = new Float64Array(n);
  const rng = createRng(o.seed ?? 1);
  const gauss = (center: number, sigma: number, amp: number) => {
    const from = Math.max(0, Math.floor(center - 5 * sigma * fs));
    const to = Math.min(n - 1, Math.ceil(center + 5 * sigma * fs));
    for (let k = from; k <= to; k++) signal[k] += amp * Math.exp(-0.5 * ((k - center) / (sigma * fs)) ** 2);
  };
  const pPeaks: number[] = [];
  for (const r of rPeaks) {
    gauss(r, qrsSigma, 1.2);
    gauss(r + 0.28 * fs, 0.045, 0.3);
    const p = r - pLead * fs;
    pPeaks.push(p);
    if (pAmp !== 0) gauss(p, pSigma, pAmp);
  }
  if (o.fibrillation) {
    // a sum of drifting 4-8 Hz components: irregular, never locked to the QRS
    for (let c = 0; c < 4; c++) {
      const f0 = 4 + 4 * rng();
      const phase = 2 * Math.PI * rng();
      const drift = 0.5 * rng();
      for (let k = 0; k < n; k++) signal[k] += (o.fibrillation / 2) * Math.sin(2 * Math.PI * (f0 + drift * Math.sin((2 * Math.PI * k) / fs / 7)) * (k / fs) + phase);
    }
  }
  if (o.noise) {
    for (let k = 0; k < n; k++) {
      // Box-Muller from the seeded uniform generator
      const u = Math.max(rng(), 1e-12);
      signal[k] += o.noise * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
    }
  }
  return {
    signal,
    rPeaks,
    pPeaks,
    pOnsets: pPeaks.map((p) => p - 2.5 * pSigma * fs),
    pOffsets: pPeaks.map((p) => p + 2.5 * pSigma * fs),
    qrsOnsets: rPeaks.map((r) => r - 2.5 * qrsSigma * fs),
  };
}
