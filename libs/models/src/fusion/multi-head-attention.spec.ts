import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isModelError } from '../common';
import { loadModelFromDir, saveModelToDir } from '../io';
import { MultiHeadAttention } from './multi-head-attention';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const bits = (t: tf.Tensor) => Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));
const wave = (shape: number[], phase: number) => {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Array.from({ length: n }, (_, i) => Math.sin(i * 0.61 + phase)), shape);
};

/** Plain float64 attention from the layer's weights (the definition, written out). */
function referenceAttention(layer: MultiHeadAttention, q: number[][][], kv: number[][][]): number[][][] {
  const [wq, wk, wv, wo, bq, bk, bv, bo] = layer.getWeights().map((w) => w.arraySync()) as [number[][], number[][], number[][], number[][], number[], number[], number[], number[]];
  const lin = (x: number[], w: number[][], b: number[]) => b.map((bj, j) => bj + x.reduce((s, xi, i) => s + xi * w[i][j], 0));
  const { numHeads: h, keyDim: dk, valueDim: dv } = layer;
  return q.map((qb, b) => {
    const Q = qb.map((x) => lin(x, wq, bq));
    const K = kv[b].map((x) => lin(x, wk, bk));
    const V = kv[b].map((x) => lin(x, wv, bv));
    return Q.map((qi) => {
      const context: number[] = [];
      for (let head = 0; head < h; head++) {
        const scores = K.map((kj) => {
          let s = 0;
          for (let c = 0; c < dk; c++) s += qi[head * dk + c] * kj[head * dk + c];
          return s / Math.sqrt(dk);
        });
        const max = Math.max(...scores);
        const e = scores.map((s) => Math.exp(s - max));
        const z = e.reduce((a, x) => a + x, 0);
        for (let c = 0; c < dv; c++) context.push(V.reduce((s, vj, j) => s + (e[j] / z) * vj[head * dv + c], 0));
      }
      return lin(context, wo, bo);
    });
  });
}

describe('MultiHeadAttention', () => {
  it('computes scaled dot-product multi-head attention (vs a float64 reference) with output [B, Tq, outputDim]', () => {
    const layer = new MultiHeadAttention({ numHeads: 2, keyDim: 3, valueDim: 2, outputDim: 5, seed: 1 });
    const q = wave([2, 4, 6], 0);
    const kv = wave([2, 3, 7], 1);
    layer.apply([q, kv]); // builds
    // non-zero biases so they are exercised
    layer.setWeights(layer.getWeights().map((w, i) => (i < 4 ? w : tf.mul(wave(w.shape, i), 0.3))));
    const out = layer.apply([q, kv]) as tf.Tensor;
    expect(out.shape).toEqual([2, 4, 5]);
    const ref = referenceAttention(layer, q.arraySync() as number[][][], kv.arraySync() as number[][][]);
    const got = out.arraySync() as number[][][];
    got.flat(2).forEach((v, i) => expect(v).toBeCloseTo(ref.flat(2)[i], 5));
    // outputDim defaults to the query width (so a residual can be added)
    const sameWidth = new MultiHeadAttention({ numHeads: 2, keyDim: 4 });
    expect((sameWidth.apply([q, kv]) as tf.Tensor).shape).toEqual([2, 4, 6]);
    const sym = sameWidth.apply([tf.input({ shape: [9, 6] }), tf.input({ shape: [2, 7] })]) as tf.SymbolicTensor;
    expect(sym.shape).toEqual([null, 9, 6]);
  });

  it('attention weights sum to 1 over the keys; masked keys get weight 0 and cannot change the output', () => {
    const layer = new MultiHeadAttention({ numHeads: 3, keyDim: 2, seed: 2 });
    const q = wave([2, 5, 4], 0);
    const kv = wave([2, 6, 4], 2);
    const weights = layer.attentionWeights(q, kv);
    expect(weights.shape).toEqual([2, 3, 5, 6]);
    for (const s of weights.sum(-1).dataSync()) expect(s).toBeCloseTo(1, 6);
    const mask = tf.tensor2d([[1, 1, 0, 1, 0, 1], [0, 0, 0, 0, 0, 1]]);
    const masked = layer.attentionWeights(q, kv, mask).arraySync() as number[][][][];
    masked.forEach((byHead, b) =>
      byHead.flat().forEach((row) => {
        expect(row.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 6);
        row.forEach((w, k) => (mask.arraySync()[b][k] === 0 ? expect(w).toBe(0) : expect(w).toBeGreaterThan(0)));
      }),
    );
    const kvChanged = tf.where(tf.expandDims(tf.greater(mask, 0), 2).tile([1, 1, 4]), kv, tf.fill(kv.shape, 50));
    expect(bits(layer.apply([q, kvChanged, mask]) as tf.Tensor)).toEqual(bits(layer.apply([q, kv, mask]) as tf.Tensor));
    expect(bits(layer.apply([q, kvChanged]) as tf.Tensor)).not.toEqual(bits(layer.apply([q, kv]) as tf.Tensor));
  });

  it('has gradients that agree with central finite differences (float32, relative check)', () => {
    const layer = new MultiHeadAttention({ numHeads: 2, keyDim: 2, seed: 3 });
    const q = wave([1, 2, 3], 0.3);
    const kv = wave([1, 3, 3], 1.1);
    const probe = wave([1, 2, 3], 2.2); // loss = sum(output * probe), a generic linear functional
    layer.apply([q, kv]);
    layer.setWeights(layer.getWeights().map((w, i) => (i < 4 ? w : tf.mul(wave(w.shape, i), 0.2))));
    const loss = (qq: tf.Tensor, kk: tf.Tensor) => tf.sum(tf.mul(layer.apply([qq, kk]) as tf.Tensor, probe)) as tf.Scalar;

    const eps = 1e-2;
    const check = (analytic: Float32Array | Int32Array | Uint8Array, numeric: (i: number) => number) => {
      for (let i = 0; i < analytic.length; i++) {
        const n = numeric(i);
        const a = analytic[i];
        expect(Math.abs(a - n), `entry ${i}: analytic ${a} vs numeric ${n}`).toBeLessThanOrEqual(2e-2 * Math.max(Math.abs(a), Math.abs(n)) + 2e-3);
      }
    };
    // weights
    const { grads } = tf.variableGrads(() => loss(q, kv));
    expect(Object.keys(grads)).toHaveLength(8);
    for (const w of layer.trainableWeights) {
      const variable = w.read() as tf.Variable;
      const base = variable.dataSync().slice();
      check(grads[variable.name].dataSync(), (i) => {
        const at = (delta: number) => {
          const v = base.slice();
          v[i] += delta;
          variable.assign(tf.tensor(v, variable.shape));
          return loss(q, kv).dataSync()[0];
        };
        const n = (at(eps) - at(-eps)) / (2 * eps);
        variable.assign(tf.tensor(base, variable.shape));
        return n;
      });
    }
    // inputs
    const [dq, dkv] = tf.grads((a: tf.Tensor, b: tf.Tensor) => loss(a, b))([q, kv]);
    const numericInput = (x: tf.Tensor, other: tf.Tensor, first: boolean) => (i: number) => {
      const at = (delta: number) => {
        const v = x.dataSync().slice();
        v[i] += delta;
        const moved = tf.tensor(v, x.shape);
        return (first ? loss(moved, other) : loss(other, moved)).dataSync()[0];
      };
      return (at(eps) - at(-eps)) / (2 * eps);
    };
    check(dq.dataSync(), numericInput(q, kv, true));
    check(dkv.dataSync(), numericInput(kv, q, false));
  });

  it('survives save/load through the folder IOHandler with bitwise-identical outputs', async () => {
    const q = tf.input({ shape: [4, 6] });
    const kv = tf.input({ shape: [3, 5] });
    const layer = new MultiHeadAttention({ numHeads: 2, keyDim: 3, outputDim: 6, seed: 4, name: 'mha' });
    const model = tf.model({ inputs: [q, kv], outputs: layer.apply([q, kv]) as tf.SymbolicTensor });
    const dir = await mkdtemp(join(tmpdir(), 'mha-'));
    try {
      await saveModelToDir(model, dir);
      const loaded = await loadModelFromDir(dir);
      const restored = loaded.getLayer('mha') as MultiHeadAttention;
      expect(restored).toBeInstanceOf(MultiHeadAttention);
      expect(restored.getConfig()).toMatchObject({ numHeads: 2, keyDim: 3, valueDim: 3, outputDim: 6, useBias: true, seed: 4 });
      const x = [wave([2, 4, 6], 0), wave([2, 3, 5], 1)];
      expect(bits(loaded.predict(x) as tf.Tensor)).toEqual(bits(model.predict(x) as tf.Tensor));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects bad settings and inputs with typed errors', () => {
    expect(() => new MultiHeadAttention({ numHeads: 0, keyDim: 2 })).toThrow(/numHeads/);
    try {
      new MultiHeadAttention({ numHeads: 2, keyDim: 2 }).apply(tf.input({ shape: [3, 4] }));
      expect.unreachable();
    } catch (e) {
      expect(isModelError(e, 'BAD_CONFIG')).toBe(true);
    }
  });
});
