import type { PWaveCandidate } from './delineate';

/**
 * R-aligned running average of the band-passed signal before recent QRS complexes
 * (exponential, weight 1/8 for the newest beat). Sinus P waves add up into a clear bump at a
 * fixed distance from R; fibrillatory waves fall at random places and average towards flat.
 */
export class RunningTemplate {
  readonly values: Float64Array;
  count = 0;
  constructor(readonly length: number, readonly weight = 1 / 8, readonly matureAfter = 4) {
    this.values = new Float64Array(length);
  }

  get mature(): boolean {
    return this.count >= this.matureAfter;
  }

  /** Add band[start .. start+length); segments running off the signal are skipped. */
  add(band: Float64Array, start: number): void {
    if (start < 0 || start + this.length > band.length) return;
    // plain mean until the template has `1/weight` beats, then exponential forgetting
    const w = Math.max(this.weight, 1 / (this.count + 1));
    for (let k = 0; k < this.length; k++) this.values[k] += w * (band[start + k] - this.values[k]);
    this.count++;
  }
}

/**
 * Similarity of a candidate with the template over the candidate's extent (+-20 % of its
 * duration): Pearson correlation times the ratio of the smaller to the larger standard
 * deviation. Shape alone is not enough (any smooth bump correlates with any other); the
 * amplitude must match too, and an averaged-out fibrillation template is much flatter than
 * the wave it is asked to vouch for.
 */
export function templateSimilarity(band: Float64Array, rPeak: number, c: PWaveCandidate, template: RunningTemplate, before: number): number | null {
  const origin = rPeak - before; // band index of template[0]
  const margin = Math.round(0.2 * (c.offset - c.onset));
  const from = Math.max(c.onset - margin, origin, 0);
  const to = Math.min(c.offset + margin, origin + template.length - 1, band.length - 1);
  const m = to - from + 1;
  if (m < 3) return null;
  let mx = 0;
  let my = 0;
  for (let k = from; k <= to; k++) {
    mx += band[k];
    my += template.values[k - origin];
  }
  mx /= m;
  my /= m;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let k = from; k <= to; k++) {
    const x = band[k] - mx;
    const y = template.values[k - origin] - my;
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
  }
  if (sxx === 0 || syy === 0) return 0;
  const corr = sxy / Math.sqrt(sxx * syy);
  const ratio = Math.sqrt(syy / sxx);
  return corr * Math.min(ratio, 1 / ratio);
}
