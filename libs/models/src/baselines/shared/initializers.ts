import * as tf from '@tensorflow/tfjs';
import { SeededOrthogonal } from '../../lstm-ae/orthogonal-initializer';
import { tfjsSeed } from '../../common/tfjs-seed';

type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

/**
 * Seeded initialisers for the baselines. Each baseline uses its original's scheme (Keras
 * he_normal for Hannun's convs, torchvision's kaiming fan_out for ResNet, Keras defaults for
 * dense/LSTM), so EfficientNet's fixed pair (kerasEfficientNetInitializers) does not fit all.
 *
 * Every call takes the next seed (seed, seed+1, ...) so layers are not correlated and two builds
 * of one config with one seed start from identical weights; with no seed tfjs' global random
 * state is used. `take(n)` reserves n seeds for a layer that creates several weights itself.
 */
export interface BaselineInitializers {
  /** Keras he_normal: truncated normal, variance 2 / fan_in (tfjs 'normal' is the truncated one). */
  heNormal(): Initializer;
  /** torchvision ResNet convs: kaiming_normal(mode='fan_out', relu) = variance 2 / fan_out. */
  heNormalFanOut(): Initializer;
  /** Keras' default for Dense / Conv / LSTM input kernels. */
  glorotUniform(): Initializer;
  /**
   * Keras' default LSTM recurrent kernel. lstm-ae's plain-JS SeededOrthogonal: tfjs' own
   * orthogonal initialiser took 6.6 s for an LSTM(64) recurrent kernel [64, 256] on 'cpu'.
   */
  orthogonal(): Initializer;
  /** BERT / ViT style embeddings: truncated normal, stddev 0.02. */
  embedding(): Initializer;
  /** The first of n consecutive seeds (undefined without a seed). */
  take(n: number): number | undefined;
}

export function baselineInitializers(seed?: number): BaselineInitializers {
  let next = seed;
  const take = (n = 1): number | undefined => {
    if (next === undefined) return undefined;
    const first = next;
    next += n;
    return first;
  };
  return {
    heNormal: () => tf.initializers.heNormal({ seed: tfjsSeed(take()) }),
    heNormalFanOut: () => tf.initializers.varianceScaling({ scale: 2, mode: 'fanOut', distribution: 'normal', seed: tfjsSeed(take()) }),
    glorotUniform: () => tf.initializers.glorotUniform({ seed: tfjsSeed(take()) }),
    orthogonal: () => new SeededOrthogonal({ gain: 1, seed: take() }),
    embedding: () => tf.initializers.truncatedNormal({ mean: 0, stddev: 0.02, seed: tfjsSeed(take()) }),
    take,
  };
}
