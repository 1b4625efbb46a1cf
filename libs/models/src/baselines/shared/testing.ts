import * as tf from '@tensorflow/tfjs';

/** Test helpers for the baseline specs (no vitest import so the module stays library-safe). */

/** Saves to memory and loads back through the serialization registry (custom layers included). */
export async function saveAndLoad(model: tf.LayersModel): Promise<tf.LayersModel> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts) throw new Error('save handler was not called');
  return tf.loadLayersModel(tf.io.fromMemory(artifacts));
}

/** Every weight of the model as plain numbers, in model.weights order. */
export function weightValues(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

/** One Adam step on random data so weights and BN statistics leave their initial values. */
export async function trainOneStep(model: tf.LayersModel, x: tf.Tensor, classes: number): Promise<void> {
  const batch = x.shape[0];
  const labels = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => i % classes), 'int32'), classes));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  await model.fit(x, labels, { epochs: 1, batchSize: batch, verbose: 0 });
  labels.dispose();
}
