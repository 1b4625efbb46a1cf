/**
 * The lowpass FIR design resample_poly uses by default: scipy.signal.firwin(numtaps, cutoff,
 * window=('kaiser', beta)) with pass_zero=True and scale=True (unit gain at DC).
 */
import { SignalError } from '../errors';

/** Modified Bessel function of the first kind, order 0, by its power series (exact to ~1 ulp for |x| < 30). */
export function besselI0(x: number): number {
  const q = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 500; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** scipy.signal.windows.kaiser(M, beta, sym=True). */
export function kaiserWindow(m: number, beta: number): Float64Array {
  if (m <= 1) return new Float64Array(Math.max(m, 0)).fill(1);
  const w = new Float64Array(m);
  const alpha = (m - 1) / 2.0;
  const denom = besselI0(beta);
  for (let n = 0; n < m; n++) {
    const r = (n - alpha) / alpha;
    w[n] = besselI0(beta * Math.sqrt(1 - r ** 2.0)) / denom;
  }
  return w;
}

/** numpy.sinc: sin(pi x)/(pi x), 1 at 0. */
function sinc(x: number): number {
  const y = Math.PI * (x === 0 ? 1e-20 : x);
  return Math.sin(y) / y;
}

/** Lowpass windowed-sinc with cut-off `cutoff` relative to Nyquist (0 < cutoff < 1), Kaiser window, unit DC gain. */
export function firwinKaiserLowpass(numtaps: number, cutoff: number, beta: number): Float64Array {
  const where = 'firwin';
  if (!Number.isInteger(numtaps) || numtaps < 1) throw new SignalError('BAD_ARGUMENT', where, `numtaps must be a positive integer, got ${numtaps}`);
  if (!(cutoff > 0 && cutoff < 1)) throw new SignalError('BAD_CUTOFF', where, `cutoff must be in (0, 1) relative to Nyquist, got ${cutoff}`);
  const alpha = 0.5 * (numtaps - 1);
  const win = kaiserWindow(numtaps, beta);
  const h = new Float64Array(numtaps);
  let s = 0;
  for (let i = 0; i < numtaps; i++) {
    const m = i - alpha;
    // bands = [[0, cutoff]]: h = cutoff*sinc(cutoff*m) - 0*sinc(0*m)
    h[i] = (cutoff * sinc(cutoff * m) - 0 * sinc(0 * m)) * win[i];
    s += h[i]; // scale frequency 0: cos(0) = 1
  }
  for (let i = 0; i < numtaps; i++) h[i] /= s;
  return h;
}
