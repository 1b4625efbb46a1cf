/**
 * Butterworth design with scipy.signal.butter semantics (digital, cut-offs in Hz with fs):
 * prewarp 2*fs*tan(pi*Wn/fs) with fs normalised to 2, analog prototype, band transform,
 * bilinear transform, then second-order sections (zpk2sos 'nearest') or b/a polynomials.
 */
import { bilinearZpk, buttap, lp2bpZpk, lp2bsZpk, lp2hpZpk, lp2lpZpk, zpk2sos, zpk2tf, type Sos, type Zpk } from './zpk';
import { assertOrder, checkCutoff, type BandType } from './validate';

export function butterZpk(order: number, cutoff: number | readonly number[], btype: BandType, fs: number, where = 'butter'): Zpk {
  assertOrder(order, where);
  const wn = checkCutoff(cutoff, btype, fs, where).map((f) => f / (fs / 2));
  const fsNorm = 2.0;
  const warped = wn.map((w) => 2 * fsNorm * Math.tan((Math.PI * w) / fsNorm));
  const proto = buttap(order);
  let analog: Zpk;
  if (btype === 'lowpass') analog = lp2lpZpk(proto, warped[0]);
  else if (btype === 'highpass') analog = lp2hpZpk(proto, warped[0]);
  else {
    const bw = warped[1] - warped[0];
    const wo = Math.sqrt(warped[0] * warped[1]);
    analog = btype === 'bandpass' ? lp2bpZpk(proto, wo, bw) : lp2bsZpk(proto, wo, bw);
  }
  return bilinearZpk(analog, fsNorm);
}

/** scipy.signal.butter(order, cutoff, btype, output='sos', fs=fs). */
export function butter(order: number, cutoff: number | readonly number[], btype: BandType, fs: number): Sos {
  return zpk2sos(butterZpk(order, cutoff, btype, fs, 'butter'));
}

/** scipy.signal.butter(..., output='ba'): fine for low orders; prefer SOS above order ~4. */
export function butterBa(order: number, cutoff: number | readonly number[], btype: BandType, fs: number): { b: number[]; a: number[] } {
  return zpk2tf(butterZpk(order, cutoff, btype, fs, 'butterBa'));
}
