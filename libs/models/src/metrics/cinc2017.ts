import { perClassScores, type ClassScores } from './classification';
import type { ConfusionMatrix } from './confusion';

/**
 * The PhysioNet/CinC 2017 score: mean F1 of Normal, AF and Other (the noisy class is
 * not scored), each F1 = 2 x correct / (true count + predicted count), as the
 * challenge's score2017.m computes it. Classes in the order N, A, O, ~.
 */
export function cinc2017Score(m: ConfusionMatrix): { score: number; f1: { N: number; A: number; O: number; '~': number } } {
  if (m.length !== 4) throw new RangeError(`cinc2017Score needs a 4x4 confusion matrix (N, A, O, ~), got ${m.length}x${m.length}`);
  const s: ClassScores[] = perClassScores(m);
  return { score: (s[0].f1 + s[1].f1 + s[2].f1) / 3, f1: { N: s[0].f1, A: s[1].f1, O: s[2].f1, '~': s[3].f1 } };
}
