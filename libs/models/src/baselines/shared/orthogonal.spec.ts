import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FastOrthogonal } from './orthogonal';
import { saveAndLoad } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('FastOrthogonal', () => {
  for (const shape of [[16, 64], [40, 8], [3, 2, 5]]) {
    it(`gives orthonormal rows or columns for ${JSON.stringify(shape)}, reproducibly with a seed`, () => {
      const w = new FastOrthogonal({ seed: 3 }).apply(shape);
      expect(w.shape).toEqual(shape);
      const m = w.reshape([-1, shape[shape.length - 1]]) as tf.Tensor2D;
      const gram = m.shape[0] < m.shape[1] ? tf.matMul(m, m, false, true) : tf.matMul(m, m, true, false);
      const err = tf.tidy(() => tf.sub(gram, tf.eye(gram.shape[0])).abs().max().dataSync()[0]);
      expect(err).toBeLessThan(1e-5);
      const again = new FastOrthogonal({ seed: 3 }).apply(shape);
      expect(Array.from(again.dataSync())).toEqual(Array.from(w.dataSync()));
      tf.dispose([w, m, gram, again]);
    });
  }

  it('scales by gain and serialises through the registry inside an LSTM', async () => {
    const w = new FastOrthogonal({ gain: 2, seed: 1 }).apply([4, 4]);
    const norms = tf.tidy(() => w.square().sum(0).sqrt().arraySync() as number[]);
    norms.forEach((n) => expect(n).toBeCloseTo(2, 5));
    const input = tf.input({ shape: [3, 2] });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const lstm = tf.layers.lstm({ units: 4, recurrentInitializer: new FastOrthogonal({ seed: 2 }) as any, name: 'lstm' });
    const model = tf.model({ inputs: input, outputs: lstm.apply(input) as tf.SymbolicTensor });
    expect((lstm.getConfig() as { recurrentInitializer: unknown }).recurrentInitializer).toEqual({
      className: 'FastOrthogonal',
      config: { gain: 1, seed: 2 },
    });
    const loaded = await saveAndLoad(model);
    expect(loaded.getLayer('lstm').getWeights()[1].arraySync()).toEqual(lstm.getWeights()[1].arraySync());
    tf.dispose(w);
    model.dispose();
    loaded.dispose();
  });
});
