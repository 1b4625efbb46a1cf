/**
 * Stands in for seed 0 in tfjs' random initialisers. They read their seed as `seed ? seed :
 * Math.random()`, so 0 counts as "no seed" and the layer would draw fresh random weights on
 * every build: a run with seed 0 would not start where its config says.
 */
export const SEED_ZERO_STAND_IN = 0x7fffffff;

/** The seed to hand a tfjs initialiser: the same value, except 0 (see SEED_ZERO_STAND_IN); undefined stays unseeded. */
export function tfjsSeed(seed: number | undefined): number | undefined {
  return seed === 0 ? SEED_ZERO_STAND_IN : seed;
}
