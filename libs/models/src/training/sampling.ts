import { createRng, shuffled } from '@efficientecg/datasets';

/**
 * Loss weights inverse to class frequency, normalised so that a balanced data set
 * gets weight 1 for every class: w_c = n / (k * n_c); a class with no example gets 0.
 */
export function inverseFrequencyWeights(labels: ArrayLike<number>, nClasses: number, maxWeight = Infinity): Float32Array {
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  // a cap keeps a class of a handful of examples (MIT-BIH DS1 has 8 Q beats: weight ~1,000) from dominating the loss
  return Float32Array.from(counts, (c) => (c === 0 ? 0 : Math.min(maxWeight, labels.length / (nClasses * c))));
}

/** Seed of one epoch's random stream: a function of the run seed and the epoch, so a resumed run draws the same batches. */
export function epochSeed(seed: number, epoch: number): number {
  return (Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(epoch + 1, 0x85ebca6b)) >>> 0;
}

/** The example order of one epoch: a seeded permutation. */
export function shuffledEpochOrder(n: number, seed: number, epoch: number): number[] {
  return shuffled(Array.from({ length: n }, (_, i) => i), createRng(epochSeed(seed, epoch)));
}

/**
 * Balanced sampling: an epoch of n examples where each class present is drawn
 * equally often (with replacement inside a class), in a seeded order.
 */
export function balancedEpochOrder(labels: ArrayLike<number>, nClasses: number, seed: number, epoch: number): number[] {
  const byClass: number[][] = Array.from({ length: nClasses }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]].push(i);
  const present = byClass.filter((c) => c.length > 0);
  const rng = createRng(epochSeed(seed, epoch));
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    const members = present[i % present.length];
    out.push(members[Math.floor(rng() * members.length)]);
  }
  return shuffled(out, rng);
}

/** Cut an order into batches (the last one may be smaller). */
export function batchesOf(order: readonly number[], batchSize: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < order.length; i += batchSize) out.push(order.slice(i, i + batchSize));
  return out;
}
