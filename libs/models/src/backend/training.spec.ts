import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './init-backend';
import { maxAbs, randomValues, relativeError } from './testing/parity';
import { buildReferenceNet, tinyNetSpec } from './testing/reference-net';

// End to end: gradients of small nets on wasm (with the registered kernels and fast paths)
// against tfjs's reference 'cpu' backend, then a few Adam steps on wasm. Tolerance 5e-5:
// dozens of kernels compose, and zero-by-construction gradients are rounding noise (see relativeError).
const seeded = (seed: number) => tf.initializers.glorotNormal({ seed });

function batch(b: number, t: number, leads: number, classes: number, seed: number) {
  const x = tf.tensor3d(randomValues(b * t * leads, seed), [b, t, leads]);
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: b }, (_, i) => i % classes), 'int32'), classes).toFloat();
  return { x, y };
}

/** Loss and gradients of every trainable weight on one backend (batch-norm in training mode). */
async function gradsOn(backend: string, loss: () => tf.Scalar, vars: tf.Variable[]) {
  await tf.setBackend(backend);
  const { value, grads } = tf.variableGrads(loss, vars);
  const out = { loss: value.dataSync()[0], grads: vars.map((v) => grads[v.name].dataSync() as Float32Array) };
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

const trainableVars = (m: tf.LayersModel | tf.layers.Layer[]) =>
  (Array.isArray(m) ? m.flatMap((l) => l.trainableWeights) : m.trainableWeights).map((w) => w.read() as tf.Variable);

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});
afterAll(async () => {
  await tf.setBackend('wasm');
});

describe('MBConv-like net: wasm gradients match cpu', () => {
  it('every weight gradient agrees to 5e-5 of its scale (measured: <1e-5), loss to 1e-5', async () => {
    const model = buildReferenceNet(tinyNetSpec(64, 2, 5));
    const { x, y } = batch(4, 64, 2, 5, 42);
    const loss = () => tf.mean(tf.metrics.categoricalCrossentropy(y, model.apply(x, { training: true }) as tf.Tensor)) as tf.Scalar;
    const vars = trainableVars(model);
    const cpu = await gradsOn('cpu', loss, vars);
    const wasm = await gradsOn('wasm', loss, vars);
    expect(Math.abs(wasm.loss - cpu.loss) / cpu.loss).toBeLessThan(1e-5);
    const floor = 1e-2 * maxAbs(cpu.grads); // see relativeError: zero-by-construction gradients
    const errs = vars.map((v, i) => ({ name: v.name, err: relativeError(wasm.grads[i], cpu.grads[i], floor) }));
    const worst = errs.reduce((a, b) => (b.err > a.err ? b : a));
    console.log(`MBConv-like: ${vars.length} weights, worst relative gradient error ${worst.err.toExponential(2)} (${worst.name})`);
    expect(worst.err, `worst gradient ${worst.name}`).toBeLessThan(5e-5);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('a few Adam steps on wasm reduce the loss, and the kernels leak no tensors', async () => {
    await tf.setBackend('wasm');
    const model = buildReferenceNet(tinyNetSpec(64, 2, 5));
    const { x, y } = batch(8, 64, 2, 5, 7);
    const optimizer = tf.train.adam(1e-2);
    const loss = () => tf.mean(tf.metrics.categoricalCrossentropy(y, model.apply(x, { training: true }) as tf.Tensor)) as tf.Scalar;
    const losses: number[] = [];
    let tensorsAfterFirst = 0;
    for (let step = 0; step < 8; step++) {
      const l = optimizer.minimize(loss, true)!;
      losses.push(l.dataSync()[0]);
      l.dispose();
      if (step === 0) tensorsAfterFirst = tf.memory().numTensors; // Adam creates its slots on step 1
    }
    expect(tf.memory().numTensors).toBe(tensorsAfterFirst);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.8);
    optimizer.dispose();
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe('LSTM, layer norm, attention, dropout, dense: wasm gradients match cpu', () => {
  it('agree to 5e-5 of each gradient scale (measured: <1e-6)', async () => {
    await tf.setBackend('wasm');
    const [b, t, f, d] = [3, 12, 6, 8];
    const lstm = tf.layers.lstm({ units: d, returnSequences: true, kernelInitializer: seeded(1), recurrentInitializer: seeded(2) });
    const norm = tf.layers.layerNormalization();
    const q = tf.layers.dense({ units: d, kernelInitializer: seeded(3) });
    const k = tf.layers.dense({ units: d, kernelInitializer: seeded(4) });
    const v = tf.layers.dense({ units: d, kernelInitializer: seeded(5) });
    const drop = tf.layers.dropout({ rate: 0.25, seed: 11 });
    const head = tf.layers.dense({ units: 4, activation: 'softmax', kernelInitializer: seeded(6) });
    const x = tf.tensor3d(randomValues(b * t * f, 3), [b, t, f]);
    const y = tf.oneHot(tf.tensor1d([0, 1, 3], 'int32'), 4).toFloat();
    const forward = () => {
      const h = norm.apply(lstm.apply(x)) as tf.Tensor3D;
      const [qh, kh, vh] = [q, k, v].map((l) => l.apply(h) as tf.Tensor3D);
      const scores = tf.softmax(tf.div(tf.matMul(qh, kh, false, true), Math.sqrt(d)));
      const attended = drop.apply(tf.matMul(scores, vh), { training: true }) as tf.Tensor3D;
      const pooled = tf.sigmoid(tf.mean(attended, 1));
      return tf.mean(tf.metrics.categoricalCrossentropy(y, head.apply(pooled) as tf.Tensor)) as tf.Scalar;
    };
    tf.tidy(forward); // builds the layers' weights
    const vars = trainableVars([lstm, norm, q, k, v, head]);
    const cpu = await gradsOn('cpu', forward, vars);
    const wasm = await gradsOn('wasm', forward, vars);
    expect(Math.abs(wasm.loss - cpu.loss) / cpu.loss).toBeLessThan(1e-5);
    const floor = 1e-2 * maxAbs(cpu.grads);
    const errs = vars.map((vv, i) => ({ name: vv.name, err: relativeError(wasm.grads[i], cpu.grads[i], floor) }));
    const worst = errs.reduce((a, c) => (c.err > a.err ? c : a));
    console.log(`LSTM/attention: ${vars.length} weights, worst relative gradient error ${worst.err.toExponential(2)} (${worst.name})`);
    expect(worst.err, `worst gradient ${worst.name}`).toBeLessThan(5e-5);
    for (const l of [lstm, norm, q, k, v, head]) l.dispose();
    tf.dispose([x, y]);
  });
});
