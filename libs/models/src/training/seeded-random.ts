import { createRng } from '@efficientecg/datasets';
import { epochSeed } from './sampling';

/**
 * Seed of the random draws of one training step (the masks of Dropout and DropConnect): a
 * function of the run seed, the epoch and the step, so that a run, or a run resumed after an
 * interruption, draws the same masks again (data-parallel workers mix in their index).
 */
export function stepRandomSeed(seed: number, epoch: number, step: number): number {
  return (epochSeed(seed, epoch) ^ Math.imul(step + 1, 0xc2b2ae35)) >>> 0;
}

/**
 * Runs the synchronous `fn` with Math.random replaced by a generator seeded with `seed`, and
 * restores it afterwards. tfjs draws every unseeded random tensor (tf.layers.dropout's masks,
 * our DropConnect's) from a generator it seeds with Math.random(); without this a run seed fixes
 * initialisation and batch order but not the masks, and two runs of one seed drift apart from
 * their first step.
 */
export function withSeededMathRandom<T>(seed: number, fn: () => T): T {
  const original = Math.random;
  Math.random = createRng(seed);
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}
