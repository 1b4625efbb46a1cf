import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEfficientNet1D } from './model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('save / load round trip', () => {
  it('reproduces outputs exactly, DropConnect included', async () => {
    const model = createEfficientNet1D({
      inputLength: 24,
      leads: 2,
      stemFilters: 8,
      stemKernel: 7,
      headFilters: 16,
      classes: 3,
      seed: 3,
      blocks: [
        { repeats: 3, kernelSize: 5, strides: 2, inputFilters: 8, outputFilters: 8, expandRatio: 2, seRatio: 0.25 },
      ],
    });
    expect(model.layers.some((l) => l.getClassName() === 'DropConnect')).toBe(true);
    // one train step so batch-norm statistics and weights are not at their initial values
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
    const x = tf.randomNormal([4, 24, 2], 0, 1, 'float32', 11);
    const yTrue = tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3);
    await model.fit(x, yTrue, { epochs: 1, batchSize: 4, verbose: 0 });

    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    expect(artifacts).toBeDefined();
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    const before = model.predict(x) as tf.Tensor;
    const after = loaded.predict(x) as tf.Tensor;
    expect(Array.from(after.dataSync())).toEqual(Array.from(before.dataSync()));
    tf.dispose([x, yTrue, before, after]);
    model.dispose();
    loaded.dispose();
  });
});
