import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isModelError } from '../errors';
import { DropConnect } from './drop-connect';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('DropConnect', () => {
  it('is the identity at inference (predict and apply without training)', () => {
    const input = tf.input({ shape: [5, 3] });
    const model = tf.model({ inputs: input, outputs: new DropConnect({ rate: 0.5 }).apply(input) as tf.SymbolicTensor });
    const x = tf.randomNormal([4, 5, 3]);
    const y = model.predict(x) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    const z = new DropConnect({ rate: 0.5 }).apply(x) as tf.Tensor;
    expect(Array.from(z.dataSync())).toEqual(Array.from(x.dataSync()));
    tf.dispose([x, y, z]);
    model.dispose();
  });

  it('in training drops whole samples and scales survivors by 1/(1-rate)', () => {
    const layer = new DropConnect({ rate: 0.25 });
    const batch = 400;
    const x = tf.ones([batch, 6, 2]);
    const y = layer.apply(x, { training: true }) as tf.Tensor;
    const rows = y.reshape([batch, 12]).arraySync() as number[][];
    let kept = 0;
    for (const row of rows) {
      const first = row[0];
      expect(row.every((v) => v === first)).toBe(true); // one decision per sample
      expect([0, 1 / 0.75]).toContainEqual(expect.closeTo(first, 6));
      if (first !== 0) kept++;
    }
    // Bernoulli(0.75) over 400 samples: 300 +- 8.7 (1 sd); 5 sd band
    expect(kept).toBeGreaterThan(300 - 44);
    expect(kept).toBeLessThan(300 + 44);
    tf.dispose([x, y]);
  });

  it('receives training=true from model.fit and false from predict', async () => {
    const input = tf.input({ shape: [4] });
    const drop = new DropConnect({ rate: 0.5 });
    const seen: unknown[] = [];
    const call = drop.call.bind(drop);
    drop.call = (inputs, kwargs) => {
      seen.push(kwargs['training']);
      return call(inputs, kwargs);
    };
    const out = tf.layers.dense({ units: 1 }).apply(drop.apply(input)) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = tf.ones([2, 4]);
    const y = tf.ones([2, 1]);
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    expect(seen).toContain(true);
    seen.length = 0;
    tf.dispose(model.predict(x) as tf.Tensor);
    expect(seen.every((t) => t !== true)).toBe(true);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('serialises its rate', () => {
    const layer = new DropConnect({ rate: 0.1, name: 'dc' });
    expect(layer.getConfig()).toMatchObject({ rate: 0.1, name: 'dc' });
    expect(DropConnect.className).toBe('DropConnect');
  });

  it('rejects a rate outside [0, 1)', () => {
    for (const rate of [-0.1, 1, Number.NaN]) {
      let caught: unknown;
      try {
        new DropConnect({ rate });
      } catch (e) {
        caught = e;
      }
      expect(isModelError(caught, 'BAD_CONFIG')).toBe(true);
    }
  });
});
