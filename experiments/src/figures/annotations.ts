/**
 * MIT-format annotations as things to draw: beat markers with their symbols, and rhythm
 * episodes ('+' marks whose aux starts with '(' start a rhythm that lasts until the next one).
 */
import type { StripMarkers, StripRegion } from './builders';

export interface AnnotationLike {
  sample: number;
  symbol: string;
  aux?: string;
}

/** Beat annotations (those `isBeat` accepts) as markers labelled with their symbols. */
export function beatMarkers(annotations: readonly AnnotationLike[], isBeat: (symbol: string) => boolean, name = 'reference beats'): StripMarkers {
  const beats = annotations.filter((a) => isBeat(a.symbol));
  return { name, samples: beats.map((a) => a.sample), labels: beats.map((a) => a.symbol), symbol: 'line-ns-open', color: '#D55E00' };
}

/** Rhythm episodes [start, end) labelled "(AFIB" -> "AFIB"; the last lasts to `nSamples`. */
export function rhythmEpisodes(annotations: readonly AnnotationLike[], nSamples: number): StripRegion[] {
  const marks = annotations.filter((a) => a.symbol === '+' && (a.aux ?? '').startsWith('(')).sort((a, b) => a.sample - b.sample);
  return marks.map((m, i) => ({ start: m.sample, end: i + 1 < marks.length ? marks[i + 1].sample : nSamples, label: (m.aux ?? '').slice(1).replace(/\0/g, '').trim() }));
}

/**
 * The first episode of `rhythm` ("AFIB") that starts at or after `minStart` samples (to show an
 * onset rather than a record that starts in that rhythm), or null.
 */
export function firstEpisode(episodes: readonly StripRegion[], rhythm: string, minStart = 0): StripRegion | null {
  return episodes.find((e) => e.label === rhythm && e.start >= minStart) ?? null;
}
