import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { accuracy as accuracyOfConfusion, confusionMatrix } from '@efficientecg/models';
import { argmax, metricWithCi, pairedDifference, pooledPairedDifference, readPredictions, seedEnsemble, type RunPredictions } from './predictions';

const tmp = mkdtempSync(join(tmpdir(), 'ecg-predictions-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, rows: string[]): RunPredictions {
  const file = join(tmp, name);
  writeFileSync(file, ['id,group,label,p_N,p_A', ...rows].join('\n'));
  return readPredictions(file);
}
const accuracy = (p: RunPredictions, idx: number[]) => idx.filter((i) => argmax(p.probs[i]) === p.labels![i]).length / idx.length;

describe('paired difference of two runs', () => {
  // run a: 3 of 4 right; run b (rows in another order, one extra example): 1 of the shared 4 right
  const a = write('a.csv', ['r1#0,r1,N,0.9,0.1', 'r1#1,r1,A,0.2,0.8', 'r2#0,r2,N,0.7,0.3', 'r3#0,r3,A,0.6,0.4']);
  const b = write('b.csv', ['r3#0,r3,A,0.9,0.1', 'x#0,x,N,0.9,0.1', 'r2#0,r2,N,0.1,0.9', 'r1#1,r1,A,0.3,0.7', 'r1#0,r1,N,0.4,0.6']);

  it('aligns the runs by example id and reports a - b with a group bootstrap interval around it', () => {
    const d = pairedDifference(a, b, accuracy, { iterations: 200, seed: 1 });
    expect(d.examples).toBe(4);
    expect(d.estimate).toBeCloseTo(0.75 - 0.25, 12);
    expect(d.low).toBeLessThanOrEqual(d.estimate);
    expect(d.high).toBeGreaterThanOrEqual(d.estimate);
    expect(d.iterations).toBe(200);
  });

  it('refuses runs that share no example (different splits)', () => {
    const c = write('c.csv', ['z#0,z,N,0.9,0.1']);
    expect(() => pairedDifference(a, c, accuracy)).toThrow(/share no test example ids/);
  });

  it('pooled over pairs (seeds): the mean of the per-pair differences, each pair resampled within its own test set', () => {
    // a second "seed" with another test set: a right on 1 of 2, b on 2 of 2 -> difference -0.5
    const a2 = write('a2.csv', ['s1#0,s1,N,0.9,0.1', 's2#0,s2,A,0.9,0.1']);
    const b2 = write('b2.csv', ['s1#0,s1,N,0.9,0.1', 's2#0,s2,A,0.1,0.9']);
    const pooled = pooledPairedDifference([{ a, b }, { a: a2, b: b2 }], accuracy, { iterations: 300, seed: 2 });
    expect(pooled.estimate).toBeCloseTo((0.5 + -0.5) / 2, 12);
    expect(pooled.examples).toBe(6);
    expect(pooled.low).toBeLessThanOrEqual(pooled.estimate);
    expect(pooled.high).toBeGreaterThanOrEqual(pooled.estimate);
    // a draw can never pick pair 2's records for pair 1: the mean stays within the per-pair extremes
    expect(pooled.low).toBeGreaterThanOrEqual((-1 + -1) / 2);
    expect(pooled.high).toBeLessThanOrEqual((1 + 0) / 2);
    expect(pairedDifference(a, b, accuracy, { iterations: 300, seed: 2 })).toEqual(pooledPairedDifference([{ a, b }], accuracy, { iterations: 300, seed: 2 }));
  });

  it('a confusion-matrix metric summed per group gives the example-level bootstrap, draw for draw', () => {
    const fromConfusion = accuracyOfConfusion;
    const viaGroups = pooledPairedDifference([{ a, b }], { of: accuracy, fromConfusion }, { iterations: 300, seed: 4 });
    expect(viaGroups).toEqual(pooledPairedDifference([{ a, b }], accuracy, { iterations: 300, seed: 4 }));
    // and a class-wise metric (sensitivity of class A)
    const cmOf = (p: RunPredictions, idx: number[]) => confusionMatrix(idx.map((i) => p.labels![i]), idx.map((i) => argmax(p.probs[i])), 2);
    const sens = (m: number[][]) => m[1][1] / (m[1][0] + m[1][1]);
    expect(pairedDifference(a, b, { of: (p, idx) => sens(cmOf(p, idx)), fromConfusion: sens }, { iterations: 200, seed: 5 })).toEqual(
      pairedDifference(a, b, (p, idx) => sens(cmOf(p, idx)), { iterations: 200, seed: 5 }),
    );
  });
});

describe('seed ensembles', () => {
  // the same three test beats in another order; seed 0 gets r1#1 wrong, seed 1 gets r2#0 wrong
  const s0 = write('s0.csv', ['r1#0,r1,N,0.9,0.1', 'r1#1,r1,A,0.6,0.4', 'r2#0,r2,N,0.8,0.2']);
  const s1 = write('s1.csv', ['r2#0,r2,N,0.3,0.7', 'r1#0,r1,N,0.7,0.3', 'r1#1,r1,A,0.0,1.0']);

  it('averages each example\'s probabilities over the seeds, aligned by id, in the first run\'s order', () => {
    const e = seedEnsemble([s0, s1])!;
    expect(e.ids).toEqual(['r1#0', 'r1#1', 'r2#0']);
    expect(e.labels).toEqual(s0.labels);
    e.probs.forEach((row, i) => row.forEach((v, c) => expect(v).toBeCloseTo([[0.8, 0.2], [0.3, 0.7], [0.55, 0.45]][i][c], 12)));
    // each seed alone: 2 of 3; the ensemble gets all three
    expect(accuracy(e, [0, 1, 2])).toBe(1);
  });
  it('is null for runs with different test sets (seeded splits), and for none', () => {
    const other = write('s2.csv', ['r1#0,r1,N,0.9,0.1', 'r1#1,r1,A,0.6,0.4', 'r9#0,r9,N,0.8,0.2']);
    expect(seedEnsemble([s0, other])).toBeNull();
    expect(seedEnsemble([s0, write('s3.csv', ['r1#0,r1,N,0.9,0.1'])])).toBeNull();
    expect(seedEnsemble([])).toBeNull();
  });
  it('metricWithCi: the metric on all examples, with a group bootstrap interval; the confusion path draws the same', () => {
    const metric = { of: accuracy, fromConfusion: accuracyOfConfusion };
    const viaExamples = metricWithCi(s0, accuracy, { seed: 3, iterations: 300 });
    const viaConfusion = metricWithCi(s0, metric, { seed: 3, iterations: 300 });
    expect(viaExamples.estimate).toBeCloseTo(2 / 3, 12);
    expect(viaConfusion).toEqual(viaExamples);
    // two groups: r1 (1 of 2 right) and r2 (1 of 1): resamples give 0.5, 2/3 or 1
    expect(viaExamples.low).toBeCloseTo(0.5, 12);
    expect(viaExamples.high).toBeCloseTo(1, 12);
  });
});
