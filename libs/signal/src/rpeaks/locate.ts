import { argMaxAbs, argMaxSigned, samplesIn } from './qrs-filters';

/**
 * Put a detection on the R extremum: first the largest absolute deflection of the
 * band-passed signal within `searchSeconds` of the fiducial mark (which fixes the polarity,
 * so inverted or QS complexes are found by their dominant negative wave), then the extremum
 * of that sign in the raw signal within 40 ms of it (the band-pass shifts peaks slightly).
 */
export function locateRPeak(raw: Float64Array, bandPassed: Float64Array, mark: number, fs: number, searchSeconds: number): number {
  const w = samplesIn(searchSeconds, fs);
  const k = argMaxAbs(bandPassed, mark - w, mark + w);
  const sign = bandPassed[k] >= 0 ? 1 : -1;
  const r = samplesIn(0.04, fs);
  return argMaxSigned(raw, k - r, k + r, sign);
}
