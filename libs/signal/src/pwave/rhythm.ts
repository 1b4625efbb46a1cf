/**
 * Rhythm episodes from MIT-format annotations: a '+' annotation whose aux starts with '('
 * (e.g. "(AFIB", "(N", "(VT") starts a rhythm that lasts until the next such annotation.
 * Kept here (plain objects, no dataset types) because P-wave validation needs it.
 */
export interface RhythmAnnotationLike {
  sample: number;
  symbol: string;
  aux: string;
}

/** Rhythm label ("AFIB", "N", ...) in force at each sample in `samples` (null before the first rhythm mark). */
export function rhythmAt(annotations: readonly RhythmAnnotationLike[], samples: ArrayLike<number>): (string | null)[] {
  const marks = annotations
    .filter((a) => a.symbol === '+' && a.aux.startsWith('('))
    .map((a) => ({ sample: a.sample, rhythm: a.aux.slice(1).trim() }))
    .sort((a, b) => a.sample - b.sample);
  const out: (string | null)[] = [];
  let m = -1;
  for (let i = 0; i < samples.length; i++) {
    while (m + 1 < marks.length && marks[m + 1].sample <= samples[i]) m++;
    out.push(m >= 0 ? marks[m].rhythm : null);
  }
  return out;
}

export interface RhythmPWaveCount {
  beats: number;
  withP: number;
}

/**
 * Count beats and beats with a P wave per rhythm label. `present[i]` belongs to beat sample
 * `beatSamples[i]` (sorted); beats before the first rhythm mark are counted under "".
 */
export function countPWavesByRhythm(
  annotations: readonly RhythmAnnotationLike[],
  beatSamples: ArrayLike<number>,
  present: ArrayLike<boolean>,
): Map<string, RhythmPWaveCount> {
  const rhythms = rhythmAt(annotations, beatSamples);
  const out = new Map<string, RhythmPWaveCount>();
  for (let i = 0; i < rhythms.length; i++) {
    const key = rhythms[i] ?? '';
    const c = out.get(key) ?? { beats: 0, withP: 0 };
    c.beats++;
    if (present[i]) c.withP++;
    out.set(key, c);
  }
  return out;
}
