// Test fixture (run in a child process): start an engine, train one step, never close it.
// The process must still exit on its own (idle workers are unref'd) after printing the loss.
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../backend/init-backend';
import { ParallelTrainer } from '../engine';

async function main(): Promise<void> {
  await initBackend({ backend: 'cpu' });
  const input = tf.input({ shape: [8] });
  const out = tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }).apply(input) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  const engine = await ParallelTrainer.start({ model, workers: 2, task: 'single-label', classWeights: null });
  const loss = await engine.step({ inputs: [tf.ones([4, 8])], targets: tf.oneHot(tf.tensor1d([0, 1, 0, 1], 'int32'), 2).toFloat() as tf.Tensor2D }, tf.train.adam(1e-2), 1);
  console.log(`loss ${loss.toFixed(4)}`);
}
main();
