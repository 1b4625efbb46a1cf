import * as tf from '@tensorflow/tfjs';
import { tfjsSeed } from './tfjs-seed';

type Initializer = ReturnType<typeof tf.initializers.varianceScaling>;

/**
 * Keras EfficientNet's initialisers, with an optional seed so two builds of one config start
 * from the same weights (reproducible experiments, exact save/load tests).
 *
 * - conv: VarianceScaling(scale 2, fan_out, truncated normal). tfjs' 'normal' distribution
 *   IS a truncated normal (its 'truncatedNormal' value silently falls to the uniform branch
 *   in 4.22), so 'normal' is the faithful choice here.
 * - dense: VarianceScaling(scale 1/3, fan_out, uniform).
 *
 * Each call hands out the next seed (seed, seed+1, ...) so layers are not correlated; with no
 * seed every initialiser draws from tfjs' global random state.
 */
export interface SeededInitializers {
  conv(): Initializer;
  dense(): Initializer;
}

export function kerasEfficientNetInitializers(seed?: number): SeededInitializers {
  let next = seed;
  const take = (): number | undefined => (next === undefined ? undefined : next++);
  return {
    conv: () => tf.initializers.varianceScaling({ scale: 2, mode: 'fanOut', distribution: 'normal', seed: tfjsSeed(take()) }),
    dense: () =>
      tf.initializers.varianceScaling({ scale: 1 / 3, mode: 'fanOut', distribution: 'uniform', seed: tfjsSeed(take()) }),
  };
}
