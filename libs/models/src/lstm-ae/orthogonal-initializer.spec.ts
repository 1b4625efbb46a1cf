import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededOrthogonal } from './orthogonal-initializer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function gram(w: number[][], byRows: boolean): number[][] {
  const vecs = byRows ? w : w[0].map((_, j) => w.map((r) => r[j]));
  return vecs.map((a) => vecs.map((b) => a.reduce((s, x, i) => s + x * b[i], 0)));
}
function maxDeviationFromIdentity(g: number[][]): number {
  return Math.max(...g.flatMap((row, i) => row.map((v, j) => Math.abs(v - (i === j ? 1 : 0)))));
}

describe('SeededOrthogonal', () => {
  it('gives orthonormal rows for a wide kernel (LSTM recurrent [h, 4h]) and orthonormal columns for a tall one', () => {
    const wide = new SeededOrthogonal({ seed: 1 }).apply([16, 64]).arraySync() as number[][];
    expect(maxDeviationFromIdentity(gram(wide, true))).toBeLessThan(1e-5);
    const tall = new SeededOrthogonal({ seed: 1 }).apply([64, 16]).arraySync() as number[][];
    expect(maxDeviationFromIdentity(gram(tall, false))).toBeLessThan(1e-5);
    const square = new SeededOrthogonal({ seed: 2, gain: 2 }).apply([8, 8]).arraySync() as number[][];
    expect(maxDeviationFromIdentity(gram(square, true).map((r) => r.map((v) => v / 4)))).toBeLessThan(1e-5);
  });

  it('is deterministic per seed and serialises its config', () => {
    const a = new SeededOrthogonal({ seed: 5 }).apply([4, 12]).dataSync();
    expect(new SeededOrthogonal({ seed: 5 }).apply([4, 12]).dataSync()).toEqual(a);
    expect(new SeededOrthogonal({ seed: 6 }).apply([4, 12]).dataSync()).not.toEqual(a);
    const init = new SeededOrthogonal({ seed: 5, gain: 0.5 });
    expect(init.getClassName()).toBe('SeededOrthogonal');
    expect(init.getConfig()).toEqual({ gain: 0.5, seed: 5 });
  });

  it('builds a 64x256 recurrent kernel fast (tfjs Orthogonal takes seconds on cpu)', () => {
    const t0 = performance.now();
    new SeededOrthogonal({ seed: 1 }).apply([64, 256]).dispose();
    // generous bound: a smoke check that no tensor-op QR is involved, not a benchmark
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
