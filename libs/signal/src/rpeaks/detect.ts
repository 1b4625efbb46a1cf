import { SignalError } from '../errors';
import { detectorInput, isFlat, type SignalInput } from './input';
import { panTompkins } from './pan-tompkins';
import { hamilton } from './hamilton';

/** A QRS detector: validated Float64 signal in, sorted R-peak sample indices out. */
export interface RPeakDetector {
  name: string;
  /** One line: the algorithm and its reference. */
  description: string;
  detect(x: Float64Array, fs: number): number[];
}

const registry = new Map<string, RPeakDetector>();

/** Add a detector under its name (names are unique). */
export function registerRPeakDetector(d: RPeakDetector): void {
  if (registry.has(d.name)) throw new SignalError('BAD_ARGUMENT', 'registerRPeakDetector', `a detector named '${d.name}' exists already`);
  registry.set(d.name, d);
}

/** The registered detectors, default first. */
export function rPeakDetectors(): RPeakDetector[] {
  return [...registry.values()].sort((a, b) => Number(b.name === DEFAULT_RPEAK_METHOD) - Number(a.name === DEFAULT_RPEAK_METHOD));
}

export function rPeakDetector(name: string): RPeakDetector {
  const d = registry.get(name);
  if (!d) throw new SignalError('BAD_ARGUMENT', 'detectRPeaks', `unknown method '${name}'; known: ${[...registry.keys()].join(', ')}`);
  return d;
}

registerRPeakDetector({
  name: 'pan-tompkins',
  description: 'Pan & Tompkins 1985: 5-15 Hz band-pass, derivative, squaring, 150 ms integration, dual adaptive thresholds with search-back',
  detect: (x, fs) => panTompkins(x, fs),
});

registerRPeakDetector({
  name: 'hamilton',
  description: 'Hamilton & Tompkins 1986 rules as in Hamilton 2002 (EP Limited): 80 ms integrated |slope|, median QRS/noise levels, baseline-shift and T-wave rules, search-back',
  detect: (x, fs) => hamilton(x, fs),
});

/**
 * Both pass Se and +P 99.5 % on MIT-BIH. On single-lead handheld records whose T wave is about
 * as tall as the QRS (CinC 2017 AliveCor), pan-tompkins' slope rule lets T waves through as beats
 * and hamilton's does not (rpeaks/cinc2017.spec.ts): prefer 'hamilton' there.
 */
export const DEFAULT_RPEAK_METHOD = 'pan-tompkins';

export interface DetectRPeaksOptions {
  /** Detector name (see rPeakDetectors()); default DEFAULT_RPEAK_METHOD. */
  method?: string;
}

/**
 * R-peak sample indices of one ECG lead, sorted and at least a refractory period apart,
 * each on the R extremum (the dominant deflection, negative for inverted complexes).
 * Throws SignalError for NaN/Infinity samples or fs outside 50..2000 Hz. A flat line
 * (every sample equal) has no QRS complexes: the result is empty, not an error.
 */
export function detectRPeaks(signal: SignalInput, fs: number, opts: DetectRPeaksOptions = {}): Int32Array {
  const detector = rPeakDetector(opts.method ?? DEFAULT_RPEAK_METHOD);
  const x = detectorInput(signal, fs, 'detectRPeaks');
  if (x.length < 3 || isFlat(x)) return new Int32Array(0);
  const peaks = detector.detect(x, fs);
  // Located peaks may collide or swap when two marks share one complex: sort and dedupe.
  peaks.sort((a, b) => a - b);
  const out: number[] = [];
  for (const p of peaks) if (!out.length || p !== out[out.length - 1]) out.push(p);
  return Int32Array.from(out);
}
