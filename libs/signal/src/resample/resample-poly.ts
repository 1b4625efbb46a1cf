/**
 * scipy.signal.resample_poly(x, up, down) with its defaults (window=('kaiser', 5.0),
 * padtype='constant' i.e. zeros beyond the ends): up/down reduced by their gcd, a
 * 2*10*max(up, down)+1 tap Kaiser lowpass at 1/max(up, down) of Nyquist scaled by up, and
 * scipy's upfirdn alignment (n_pre_pad, n_pre_remove) so output sample j sits at input time
 * j*down/up. Polyphase: only the ceil(n*up/down) kept outputs are computed, each from the
 * ~taps/up coefficients of its phase.
 */
import { SignalError, assertFiniteSamples } from '../errors';
import { firwinKaiserLowpass } from './firwin';

export interface ResamplePolyOptions {
  /** Only ['kaiser', beta] is supported (scipy's default is ['kaiser', 5.0]), or explicit FIR taps. */
  window?: ['kaiser', number] | ArrayLike<number>;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Filter taps (already multiplied by up) and scipy's half length for this up/down pair. */
function designFilter(up: number, down: number, window: ResamplePolyOptions['window']): { h: Float64Array; halfLen: number } {
  if (window === undefined || (Array.isArray(window) && window[0] === 'kaiser')) {
    const beta = window === undefined ? 5.0 : (window[1] as number);
    if (typeof beta !== 'number' || !Number.isFinite(beta) || beta < 0) {
      throw new SignalError('BAD_ARGUMENT', 'resamplePoly', `kaiser beta must be a finite number >= 0, got ${beta}`);
    }
    const maxRate = Math.max(up, down);
    const halfLen = 10 * maxRate;
    const h = firwinKaiserLowpass(2 * halfLen + 1, 1 / maxRate, beta);
    for (let i = 0; i < h.length; i++) h[i] *= up;
    return { h, halfLen };
  }
  const taps = Array.from(window as ArrayLike<number>);
  if (taps.length === 0 || taps.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new SignalError('BAD_ARGUMENT', 'resamplePoly', "window must be ['kaiser', beta] or a non-empty array of finite FIR taps");
  }
  return { h: Float64Array.from(taps, (v) => v * up), halfLen: (taps.length - 1) >> 1 };
}

export function resamplePoly(x: ArrayLike<number>, up: number, down: number, options: ResamplePolyOptions = {}): Float64Array {
  const where = 'resamplePoly';
  if (!Number.isInteger(up) || !Number.isInteger(down) || up < 1 || down < 1) {
    throw new SignalError('BAD_ARGUMENT', where, `up and down must be integers >= 1, got up=${up}, down=${down}`);
  }
  assertFiniteSamples(x, where);
  const g = gcd(up, down);
  up /= g;
  down /= g;
  const n = x.length;
  if (up === 1 && down === 1) return Float64Array.from(x);
  const nOut = Math.ceil((n * up) / down);
  const { h, halfLen } = designFilter(up, down, options.window);
  const nPrePad = down - (halfLen % down);
  const nPreRemove = Math.floor((halfLen + nPrePad) / down);
  const L = h.length;

  // Polyphase split: phase p holds h[p], h[p+up], h[p+2up], ...
  const phaseLen = Math.ceil(L / up);
  const phases = new Float64Array(up * phaseLen); // zero-filled past the end of h
  for (let k = 0; k < L; k++) phases[(k % up) * phaseLen + Math.floor(k / up)] = h[k];
  const xs = x instanceof Float64Array ? x : Float64Array.from(x);

  // upfirdn output m is sum_k hp[k] * xu[m*down - k] with hp = [n_pre_pad zeros, h]; with
  // q = m*down - n_pre_pad that is sum_r x[i0 - r] * h[ph + r*up], i0 = floor(q/up), ph = q - i0*up.
  const y = new Float64Array(nOut);
  for (let j = 0; j < nOut; j++) {
    const q = (nPreRemove + j) * down - nPrePad;
    const i0 = Math.floor(q / up);
    const ph = q - i0 * up;
    const base = ph * phaseLen;
    // r runs while the tap exists (ph + r*up < L) and the input index i0 - r is inside [0, n)
    const rMax = Math.min(phaseLen - 1, i0);
    const rMin = Math.max(0, i0 - (n - 1));
    // four partial sums break the floating-point add latency chain (~2x faster; rounding differs from scipy by ~1e-16 relative)
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let r = rMin;
    for (; r + 3 <= rMax; r += 4) {
      const xi = i0 - r;
      const hi = base + r;
      a0 += xs[xi] * phases[hi];
      a1 += xs[xi - 1] * phases[hi + 1];
      a2 += xs[xi - 2] * phases[hi + 2];
      a3 += xs[xi - 3] * phases[hi + 3];
    }
    for (; r <= rMax; r++) a0 += xs[i0 - r] * phases[base + r];
    y[j] = a0 + a1 + (a2 + a3);
  }
  return y;
}

/** Resample from one rate to another (Hz) with resamplePoly; rates must be whole numbers. */
export function resampleToRate(x: ArrayLike<number>, fromFs: number, toFs: number, options: ResamplePolyOptions = {}): Float64Array {
  for (const [name, fs] of [['fromFs', fromFs], ['toFs', toFs]] as const) {
    if (!Number.isInteger(fs) || fs <= 0) {
      throw new SignalError('BAD_SAMPLING_RATE', 'resampleToRate', `${name} must be a whole number of Hz > 0, got ${fs}`);
    }
  }
  return resamplePoly(x, toFs, fromFs, options);
}
