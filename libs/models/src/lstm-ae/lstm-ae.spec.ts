import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countParameters, isModelError } from '../common';
import { loadModelFromDir, saveModelToDir } from '../io';
import { DEFAULT_LSTM_AUTOENCODER_CONFIG } from './config';
import { stackSequences } from './data';
import { maskedMse, maskedMseLoss, packTargets } from './masked-loss';
import { createLstmAutoencoder, freezeEncoder } from './model';
import { pretrainLstmAutoencoder } from './pretrain';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const bits = (t: tf.Tensor) => Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));
// tiny config: LSTMs on the 'cpu' backend cost ~one op chain per time step
const tiny = { seqLen: 6, nFeatures: 8, hidden: 8, codeSize: 4 };

function pattern(shape: number[], phase: number): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + phase)), shape);
}
function halfMask(shape: number[]): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Array.from({ length: n }, (_, i) => ((i * 7) % 5 < 3 ? 1 : 0)), shape);
}

describe('createLstmAutoencoder', () => {
  it('has the documented defaults and its parameter count matches the LSTM/dense formulas', () => {
    expect(DEFAULT_LSTM_AUTOENCODER_CONFIG).toMatchObject({ seqLen: 32, nFeatures: 8, hidden: 64, codeSize: 32, maskAsInput: true });
    const { autoencoder, encoder } = createLstmAutoencoder();
    const lstm = (input: number, units: number) => 4 * units * (input + units + 1);
    const encoderParams = lstm(16, 64) + (64 * 32 + 32); // input = 8 values + 8 mask columns
    const decoderParams = lstm(32, 64) + (64 * 8 + 8);
    expect(countParameters(encoder).total).toBe(encoderParams);
    expect(countParameters(autoencoder).total).toBe(encoderParams + decoderParams); // 48,168
    expect(countParameters(autoencoder).total).toBe(48168);
  });

  it('maps [values, mask] to a reconstruction [B, seqLen, nFeatures] and a code [B, codeSize], sharing layers', () => {
    const { autoencoder, encoder } = createLstmAutoencoder(tiny);
    const x = pattern([3, 6, 8], 0);
    const m = halfMask([3, 6, 8]);
    expect((autoencoder.predict([x, m]) as tf.Tensor).shape).toEqual([3, 6, 8]);
    expect((encoder.predict([x, m]) as tf.Tensor).shape).toEqual([3, 4]);
    for (const layer of encoder.layers) expect(autoencoder.layers).toContain(layer);
    const noMaskInput = createLstmAutoencoder({ ...tiny, maskAsInput: false });
    expect(countParameters(noMaskInput.encoder).total).toBe(4 * 8 * (8 + 8 + 1) + 8 * 4 + 4);
  });

  it('ignores the values under the mask: the encoder sees values * mask', () => {
    const { encoder } = createLstmAutoencoder(tiny);
    const m = halfMask([2, 6, 8]);
    const a = pattern([2, 6, 8], 0);
    const b = tf.where(tf.greater(m, 0), a, tf.fill([2, 6, 8], 123));
    expect(bits(encoder.predict([b, m]) as tf.Tensor)).toEqual(bits(encoder.predict([a, m]) as tf.Tensor));
  });

  it('builds identical weights for one seed, different ones for another seed', () => {
    const x = pattern([2, 6, 8], 1);
    const m = halfMask([2, 6, 8]);
    const code = (seed: number | null) => bits(createLstmAutoencoder({ ...tiny, seed }).encoder.predict([x, m]) as tf.Tensor);
    expect(code(7)).toEqual(code(7));
    expect(code(7)).not.toEqual(code(8));
    const glorot = () => bits(createLstmAutoencoder({ ...tiny, recurrentInitializer: 'glorotUniform', seed: 3 }).encoder.predict([x, m]) as tf.Tensor);
    expect(glorot()).toEqual(glorot());
  });

  it('rejects impossible configs with typed errors', () => {
    for (const bad of [{ hidden: 0 }, { seqLen: 2.5 }, { codeActivation: 'relu' as never }, { name: 'a/b' }, { seed: 0.5 }]) {
      try {
        createLstmAutoencoder(bad);
        expect.unreachable(JSON.stringify(bad));
      } catch (e) {
        expect(isModelError(e, 'BAD_CONFIG')).toBe(true);
      }
    }
  });

  it('survives save/load through the folder IOHandler with bitwise-identical outputs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lstm-ae-'));
    try {
      const { autoencoder, encoder } = createLstmAutoencoder({ ...tiny, seed: 11 });
      await saveModelToDir(autoencoder, join(dir, 'ae'));
      await saveModelToDir(encoder, join(dir, 'enc'));
      const x = pattern([2, 6, 8], 2);
      const m = halfMask([2, 6, 8]);
      const ae2 = await loadModelFromDir(join(dir, 'ae'));
      const enc2 = await loadModelFromDir(join(dir, 'enc'));
      expect(bits(ae2.predict([x, m]) as tf.Tensor)).toEqual(bits(autoencoder.predict([x, m]) as tf.Tensor));
      expect(bits(enc2.predict([x, m]) as tf.Tensor)).toEqual(bits(encoder.predict([x, m]) as tf.Tensor));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('maskedMse', () => {
  it('averages squared errors over present entries only', () => {
    const target = tf.tensor([1, 2, 3, 4], [1, 2, 2]);
    const pred = tf.tensor([1.5, 0, 3, 10], [1, 2, 2]);
    const mask = tf.tensor([1, 0, 1, 0], [1, 2, 2]);
    expect(maskedMse(target, pred, mask).dataSync()[0]).toBeCloseTo((0.25 + 0) / 2, 7);
    expect(maskedMse(target, pred, tf.zeros([1, 2, 2])).dataSync()[0]).toBe(0);
    expect(maskedMseLoss(packTargets(target, mask), pred).dataSync()[0]).toBe(maskedMse(target, pred, mask).dataSync()[0]);
  });

  it('gives bitwise-identical loss and weight gradients when masked targets change (even to NaN)', () => {
    const { autoencoder } = createLstmAutoencoder(tiny);
    const x = pattern([2, 6, 8], 0.5);
    const m = halfMask([2, 6, 8]);
    const lossAndGrads = (target: tf.Tensor) => {
      const { value, grads } = tf.variableGrads(() => maskedMse(target, autoencoder.apply([x, m]) as tf.Tensor, m));
      return { loss: bits(value), grads: Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, bits(g)])) };
    };
    const base = lossAndGrads(x);
    const away = tf.greater(m, 0);
    for (const fill of [1e6, NaN]) {
      const changed = lossAndGrads(tf.where(away, x, tf.fill(x.shape, fill)));
      expect(changed.loss).toEqual(base.loss);
      expect(Object.keys(changed.grads).length).toBe(autoencoder.trainableWeights.length);
      expect(changed.grads).toEqual(base.grads);
    }
    // and a present target does matter
    const present = lossAndGrads(tf.add(x, tf.mul(m, 0.1)));
    expect(present.loss).not.toEqual(base.loss);
  });
});

describe('pretrainLstmAutoencoder and freezeEncoder', () => {
  const sequences = (n: number, phase: number) =>
    stackSequences(
      Array.from({ length: n }, (_, i) => ({ values: pattern([6, 8], phase + i).dataSync(), mask: halfMask([6, 8]).dataSync() })),
      6,
      8,
    );

  it('is reproducible: same model seed and options give the same history', async () => {
    const data = sequences(6, 0);
    const run = async () => (await pretrainLstmAutoencoder(createLstmAutoencoder({ ...tiny, seed: 5 }), data, { epochs: 2, batchSize: 4, seed: 9, learningRate: 0.01 })).history;
    const a = await run();
    expect(a).toHaveLength(2);
    expect(await run()).toEqual(a);
  });

  it('a frozen encoder keeps its weights while the decoder trains; unfreezing trains both', async () => {
    const ae = createLstmAutoencoder({ ...tiny, seed: 2 });
    const snapshot = (model: tf.LayersModel) => model.getWeights().map((w) => bits(w));
    const decoderOnly = ae.autoencoder.layers.filter((l) => !ae.encoder.layers.includes(l) && l.weights.length > 0);
    const decoderWeights = () => decoderOnly.flatMap((l) => l.getWeights().map((w) => bits(w)));
    freezeEncoder(ae.encoder, true);
    expect(ae.encoder.trainableWeights).toHaveLength(0);
    const enc0 = snapshot(ae.encoder);
    const dec0 = decoderWeights();
    await pretrainLstmAutoencoder(ae, sequences(4, 1), { epochs: 1, batchSize: 4, seed: 1, learningRate: 0.01 });
    expect(snapshot(ae.encoder)).toEqual(enc0);
    expect(decoderWeights()).not.toEqual(dec0);
    freezeEncoder(ae.encoder, false);
    await pretrainLstmAutoencoder(ae, sequences(4, 1), { epochs: 1, batchSize: 4, seed: 1, learningRate: 0.01 });
    expect(snapshot(ae.encoder)).not.toEqual(enc0);
  });

  it('rejects data of the wrong shape and bad options with typed errors', async () => {
    const ae = createLstmAutoencoder(tiny);
    const wrong = stackSequences([{ values: new Float32Array(5 * 8), mask: new Float32Array(5 * 8) }], 5, 8);
    await expect(pretrainLstmAutoencoder(ae, wrong, { epochs: 1, batchSize: 1, seed: 0, learningRate: 0.01 })).rejects.toThrow(/\[5, 8\] but the model expects \[6, 8\]/);
    await expect(pretrainLstmAutoencoder(ae, sequences(2, 0), { epochs: 0, batchSize: 1, seed: 0, learningRate: 0.01 })).rejects.toThrow(/epochs/);
    expect(() => stackSequences([{ values: [1, 2], mask: [1] }], 1, 2)).toThrow(/sequences\[0\]/);
  });
});
