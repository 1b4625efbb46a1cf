import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { maskedMse } from '../lstm-ae/masked-loss';
import { createLstmAutoencoder } from '../lstm-ae/model';
import { buildFusionModel } from './cross-attention-fusion';

/** Loss and every weight gradient of the fusion model and the LSTM-AE on one backend. */
function lossAndGradients(): number[][] {
  const out: number[][] = [];
  for (const ageEncoding of ['bins', 'scalar'] as const) {
    const model = buildFusionModel({ d: 8, heads: 4, seed: 1, ageEncoding, queryFrom: 'patient' }, { timeSteps: 5, channels: 6 });
    const ecg = tf.tensor3d(Array.from({ length: 90 }, (_, i) => Math.sin(i * 0.7)), [3, 5, 6]);
    const age = ageEncoding === 'bins' ? tf.tensor2d([[1], [7], [3]]) : tf.tensor2d([[0.3, 1], [0, 0], [1, 1]]);
    const sex = tf.tensor2d([[0], [2], [1]]);
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(model.apply([ecg, age, sex]) as tf.Tensor)) as tf.Scalar);
    out.push([value.dataSync()[0]], ...Object.values(grads).map((g) => Array.from(g.dataSync())));
  }
  const ae = createLstmAutoencoder({ seqLen: 6, hidden: 8, codeSize: 4, seed: 2 });
  const values = tf.tensor3d(Array.from({ length: 96 }, (_, i) => Math.cos(i * 0.3)), [2, 6, 8]);
  const mask = tf.tensor3d(Array.from({ length: 96 }, (_, i) => (i % 5 ? 1 : 0)), [2, 6, 8]);
  const { value, grads } = tf.variableGrads(() => maskedMse(values, ae.autoencoder.apply([values, mask]) as tf.Tensor, mask));
  out.push([value.dataSync()[0]], ...Object.values(grads).map((g) => Array.from(g.dataSync())));
  return out;
}

describe('fusion and LSTM-AE train on the wasm backend', () => {
  it("give the same loss and gradients on 'wasm' as on 'cpu' (every kernel they need is registered)", async () => {
    await initBackend({ backend: 'cpu' });
    const cpu = lossAndGradients();
    await initBackend({ backend: 'wasm' });
    expect(tf.getBackend()).toBe('wasm');
    const wasm = lossAndGradients();
    await initBackend({ backend: 'cpu' });
    expect(wasm.length).toBe(cpu.length);
    // float32 summation order differs between backends: compare relative to each tensor's scale
    cpu.forEach((row, i) => {
      const scale = Math.max(...row.map(Math.abs));
      row.forEach((c, j) => expect(Math.abs(wasm[i][j] - c), `tensor ${i}[${j}]`).toBeLessThanOrEqual(1e-6 + 1e-4 * scale));
    });
  });
});
