import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CategoricalEmbedding } from './categorical-embedding';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('CategoricalEmbedding', () => {
  it('gives exactly the rows (and gradients) tf.layers.embedding gives for the same table', () => {
    const ours = new CategoricalEmbedding({ inputDim: 4, outputDim: 3, seed: 1 });
    const reference = tf.layers.embedding({ inputDim: 4, outputDim: 3 });
    const index = tf.tensor2d([[2], [0], [3], [2]]);
    ours.apply(index);
    reference.apply(index);
    reference.setWeights(ours.getWeights());
    const a = ours.apply(index) as tf.Tensor;
    expect(a.shape).toEqual([4, 1, 3]);
    expect(Array.from(a.dataSync())).toEqual(Array.from((reference.apply(index) as tf.Tensor).dataSync()));
    const probe = tf.tensor3d(Array.from({ length: 12 }, (_, i) => i - 5), [4, 1, 3]);
    const grad = (layer: tf.layers.Layer) => tf.variableGrads(() => tf.sum(tf.mul(layer.apply(index) as tf.Tensor, probe)) as tf.Scalar, [layer.trainableWeights[0].read() as tf.Variable]);
    const g1 = Object.values(grad(ours).grads)[0];
    const g2 = Object.values(grad(reference).grads)[0];
    expect(Array.from(g1.dataSync())).toEqual(Array.from(g2.dataSync()));
  });

  it('is seeded and checks its input shape', () => {
    const table = (seed: number) => {
      const layer = new CategoricalEmbedding({ inputDim: 3, outputDim: 2, seed });
      layer.apply(tf.input({ shape: [1] }));
      return Array.from(layer.getWeights()[0].dataSync());
    };
    expect(table(3)).toEqual(table(3));
    expect(table(3)).not.toEqual(table(4));
    expect(() => new CategoricalEmbedding({ inputDim: 3, outputDim: 2 }).apply(tf.input({ shape: [2] }))).toThrow(/\[batch, 1\]/);
  });
});
