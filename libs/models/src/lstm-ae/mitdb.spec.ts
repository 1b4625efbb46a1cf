import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isBeatSymbol, readWfdbAnnotations, readWfdbRecord, testDataRoot } from '@efficientecg/datasets';
import { beatFeatureSequence, beatFeatures } from '@efficientecg/signal';
import { stackSequences } from './data';
import { createLstmAutoencoder } from './model';
import { evaluateReconstruction, pretrainLstmAutoencoder } from './pretrain';

const root = testDataRoot();
const record = root ? join(root, 'mitdb', '100') : '';
const haveMitdb = !!root && existsSync(`${record}.hea`);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.skipIf(!haveMitdb)('LSTM autoencoder pretraining on MIT-BIH record 100 beat features', () => {
  it('reduces the masked reconstruction error several-fold', async () => {
    const rec = readWfdbRecord(record, { channels: [0], verify: 'skip' });
    const peaks = readWfdbAnnotations(record)
      .annotations.filter((a) => isBeatSymbol(a.symbol))
      .map((a) => a.sample);
    // all 8 features (record 100 is sinus rhythm: P waves in > 95 % of beats; missing ones are masked)
    const features = beatFeatures(rec.signals[0], rec.fs, peaks);
    const seqLen = 8;
    const sequences = [];
    for (let i = 0; i + seqLen <= features.length && sequences.length < 64; i += 4 * seqLen) {
      sequences.push(beatFeatureSequence(features.slice(i, i + seqLen), { length: seqLen, normalize: 'physiological' }));
    }
    const data = stackSequences(sequences, seqLen, 8);
    expect(data.count).toBe(64);
    const missing = data.mask.reduce((n, m) => n + (m ? 0 : 1), 0);
    expect(missing).toBeGreaterThan(0); // first rrPrev / last rrNext of each window, absent P waves

    const ae = createLstmAutoencoder({ seqLen, hidden: 16, codeSize: 8, seed: 1 });
    const before = await evaluateReconstruction(ae, data);
    const { history } = await pretrainLstmAutoencoder(ae, data, { epochs: 15, batchSize: 32, seed: 1, learningRate: 0.01 });
    const after = await evaluateReconstruction(ae, data);
    expect(history).toHaveLength(15);
    expect(history.every(Number.isFinite)).toBe(true);
    expect(history[history.length - 1]).toBeLessThan(history[0]);
    expect(after).toBeLessThan(before / 4);
  }, 300_000);
});
