import { butter, sosfiltfilt } from '../filters';

/**
 * The band the P wave lives in: a zero-phase Butterworth band-pass (high-pass removes baseline
 * wander, low-pass removes QRS sharpness, muscle noise and mains) so a P wave is a smooth bump
 * on a flat line. Zero phase keeps P onset/peak/offset where they are. Order 2 (4 poles after
 * the forward-backward pass) keeps ringing after the QRS small.
 */
export interface AtrialBand {
  lowHz: number;
  highHz: number;
}

export const DEFAULT_ATRIAL_BAND: AtrialBand = { lowHz: 0.5, highHz: 15 };

/** Zero-phase band-pass of `signal` into a new Float64Array (same length). */
export function atrialBandSignal(signal: ArrayLike<number>, fs: number, band: AtrialBand = DEFAULT_ATRIAL_BAND): Float64Array {
  const n = signal.length;
  // a 0.5 Hz high-pass needs a long run-in: one second of odd reflection instead of scipy's 15 samples
  const padlen = Math.max(0, Math.min(n - 1, Math.round(fs)));
  const sos = band.highHz < fs / 2 ? butter(2, [band.lowHz, band.highHz], 'bandpass', fs) : butter(2, band.lowHz, 'highpass', fs);
  return sosfiltfilt(sos, signal, { padlen });
}
