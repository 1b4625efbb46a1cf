import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DropConnect } from '../common/layers/drop-connect';
import { stepRandomSeed, withSeededMathRandom } from './seeded-random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const dropoutMask = () => Array.from(tf.tidy(() => tf.dropout(tf.ones([64]), 0.5)).dataSync());
const dropConnectMask = () =>
  Array.from(tf.tidy(() => (new DropConnect({ rate: 0.5 }).apply(tf.ones([32, 4, 2]), { training: true }) as tf.Tensor).mean([1, 2])).dataSync());

describe('withSeededMathRandom', () => {
  it('one seed draws the same dropout and DropConnect masks, another seed other masks', () => {
    expect(withSeededMathRandom(11, dropoutMask)).toEqual(withSeededMathRandom(11, dropoutMask));
    expect(withSeededMathRandom(12, dropoutMask)).not.toEqual(withSeededMathRandom(11, dropoutMask));
    expect(withSeededMathRandom(11, dropConnectMask)).toEqual(withSeededMathRandom(11, dropConnectMask));
    expect(withSeededMathRandom(12, dropConnectMask)).not.toEqual(withSeededMathRandom(11, dropConnectMask));
    // unseeded, tfjs draws fresh masks each time (what made two runs of one seed differ)
    expect(dropoutMask()).not.toEqual(dropoutMask());
    // the masks are real: about half of the entries dropped
    const kept = withSeededMathRandom(11, dropoutMask).filter((v) => v !== 0).length;
    expect(kept).toBeGreaterThan(16);
    expect(kept).toBeLessThan(48);
  });

  it('gives Math.random back, also when the function throws', () => {
    const original = Math.random;
    expect(() =>
      withSeededMathRandom(1, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(Math.random).toBe(original);
    expect(withSeededMathRandom(1, () => Math.random())).toBe(withSeededMathRandom(1, () => Math.random()));
    expect(Math.random).toBe(original);
  });
});

describe('stepRandomSeed', () => {
  it('differs between steps, epochs and run seeds, and is a 32-bit unsigned integer', () => {
    const seeds = new Set<number>();
    for (const seed of [0, 1]) for (let epoch = 0; epoch < 4; epoch++) for (let step = 0; step < 50; step++) seeds.add(stepRandomSeed(seed, epoch, step));
    expect(seeds.size).toBe(2 * 4 * 50);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
  });
});
