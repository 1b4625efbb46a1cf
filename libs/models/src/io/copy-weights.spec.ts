import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLstmAutoencoder, freezeEncoder } from '../lstm-ae/model';
import { copyWeightsByLayer } from './copy-weights';
import { isModelIoError } from './errors';
import { loadModelFromDir, saveModelToDir } from './model-dir';

let root = '';
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'copy-weights-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const tiny = { seqLen: 5, nFeatures: 8, hidden: 6, codeSize: 3 };

describe('copyWeightsByLayer', () => {
  it('restores an autoencoder saved with a frozen encoder into one with a trainable encoder (positional setWeights cannot)', async () => {
    const saved = createLstmAutoencoder({ ...tiny, seed: 1 });
    freezeEncoder(saved.encoder, true);
    const dir = join(root, 'frozen');
    await saveModelToDir(saved.autoencoder, dir);
    const loaded = await loadModelFromDir(dir);

    const target = createLstmAutoencoder({ ...tiny, seed: 2 });
    freezeEncoder(target.encoder, false);
    // the same weights listed in another order: frozen encoder weights come last in the saved model
    const shapes = (ws: tf.Tensor[]) => ws.map((w) => w.shape.join('x'));
    expect(shapes(loaded.getWeights())).not.toEqual(shapes(target.autoencoder.getWeights()));
    expect(() => target.autoencoder.setWeights(loaded.getWeights())).toThrow();

    copyWeightsByLayer(loaded, target.autoencoder, dir);
    const x = tf.randomUniform([2, tiny.seqLen, tiny.nFeatures], 0, 1, 'float32', 3);
    const m = tf.onesLike(x);
    const a = (saved.autoencoder.predict([x, m]) as tf.Tensor).dataSync();
    const b = (target.autoencoder.predict([x, m]) as tf.Tensor).dataSync();
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('names the source and the layer when a layer is missing', async () => {
    const a = createLstmAutoencoder({ ...tiny, seed: 1 });
    const other = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], name: 'not_in_ae' })] });
    let err: unknown;
    try {
      copyWeightsByLayer(other, a.autoencoder, 'some/dir');
    } catch (e) {
      err = e;
    }
    expect(isModelIoError(err, 'MODEL_JSON_CORRUPT')).toBe(true);
    expect(String(err)).toMatch(/some\/dir.*no layer/);
  });
});
