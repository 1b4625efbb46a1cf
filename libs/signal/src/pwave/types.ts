import type { AtrialBand } from './atrial-band';

/** One beat's P wave. Sample indices refer to the input signal; amplitude is in signal units (mV for ECG). */
export interface PWave {
  /** The R peak this P wave belongs to (the beat's input index). */
  rPeak: number;
  /** True only when every criterion passed; when false, onset/peak/offset/amplitude are all null. */
  present: boolean;
  onset: number | null;
  peak: number | null;
  offset: number | null;
  /** Peak height above the line joining the onset and offset levels, in the band-passed signal (signal units). */
  amplitude: number | null;
  /**
   * Estimated QRS onset (sample) used as the end of the search window and for the PR interval;
   * null when no quiet PR segment was found before the QRS.
   */
  qrsOnset: number | null;
  /**
   * Score in 0..1 that a P wave is present: 0 when a hard criterion failed (no bump, duration
   * or PR outside physiological limits, amplitude at noise level); otherwise a blend of
   * signal-to-noise, dominance over other bumps and agreement with the running template.
   * `present` is `confidence >= options.minConfidence`.
   */
  confidence: number;
}

/**
 * Which deflection counts as a P wave. 'upright' (default) is right for MLII / lead II (MIT-BIH
 * lead 0) where sinus P waves are positive. 'inverted' looks for negative bumps (e.g. aVR,
 * retrograde P). 'either' takes whichever polarity has the larger bump, for leads where the
 * polarity is unknown; it raises false detections in AF, so prefer a fixed polarity.
 */
export type PWavePolarity = 'upright' | 'inverted' | 'either';

export interface PWaveOptions {
  polarity?: PWavePolarity;
  /** Band-pass used to isolate atrial activity (default 0.5-15 Hz). */
  band?: AtrialBand;
  /** Earliest P peak before the QRS onset in seconds (default 0.28). */
  maxPeakLead?: number;
  /** Latest P peak before the QRS onset in seconds (default 0.03). */
  minPeakLead?: number;
  /** P duration limits in seconds (default 0.04..0.18; physiological 0.06..0.16 plus boundary error). */
  minDuration?: number;
  maxDuration?: number;
  /** PR interval (P onset to QRS onset) limits in seconds (default 0.08..0.30). */
  minPR?: number;
  maxPR?: number;
  /** Smallest P amplitude in signal units (default 0.03 mV). */
  minAmplitude?: number;
  /** Smallest ratio of P amplitude to the local noise level (default 2). */
  minSnr?: number;
  /** present = confidence >= minConfidence (default 0.5). */
  minConfidence?: number;
}
