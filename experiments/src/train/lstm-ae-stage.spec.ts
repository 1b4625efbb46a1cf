import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledSampleRoot, isBeatSymbol, readWfdbAnnotations, readWfdbRecord } from '@efficientecg/datasets';
import { createLstmAutoencoder, stackSequences } from '@efficientecg/models';
import { beatContextSequence, recordBeatFeatures } from '../data/beat-context';
import { pretrainedLstmAutoencoder } from './lstm-ae-stage';

const seqLen = 8;
let root = '';
let sequences: ReturnType<typeof stackSequences>;

beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'lstm-ae-stage-'));
  // beat-feature sequences of the first 64 reference beats of MIT-BIH record 100 (bundled sample)
  const path = join(bundledSampleRoot(), 'mitdb', '100');
  const rec = readWfdbRecord(path, { channels: [0], verify: 'skip' });
  const peaks = readWfdbAnnotations(path).annotations.filter((a) => isBeatSymbol(a.symbol)).map((a) => a.sample).slice(0, 80);
  const features = recordBeatFeatures(rec.signals[0], rec.fs, peaks);
  sequences = stackSequences(Array.from({ length: 64 }, (_, i) => beatContextSequence(features, i + 8, seqLen)), seqLen, 8);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const tiny = { seqLen, nFeatures: 8, hidden: 6, codeSize: 3 };
const quiet = () => undefined;

describe('LSTM-AE pretraining stage (cached per experiment and seed)', () => {
  it('pretrains once, reuses the cache for the same data, and pretrains again when the data differ', async () => {
    const cacheDir = join(root, '_lstm-ae', 'seed-0');
    const first = createLstmAutoencoder({ ...tiny, seed: 1 });
    const made = await pretrainedLstmAutoencoder(first, sequences, { cacheDir, epochs: 1, seed: 0, log: quiet, dataKey: { fs: 360 } });
    expect(made.cached).toBe(false);
    expect(made.history).toHaveLength(1);
    expect(JSON.parse(await readFile(join(cacheDir, 'history.json'), 'utf8')).key).toContain('"fs":360');

    const again = createLstmAutoencoder({ ...tiny, seed: 2 });
    const reused = await pretrainedLstmAutoencoder(again, sequences, { cacheDir, epochs: 1, seed: 0, log: quiet, dataKey: { fs: 360 } });
    expect(reused.cached).toBe(true);
    expect(reused.history).toEqual(made.history);
    const w = (ae: typeof first) => ae.autoencoder.getWeights().map((t) => Array.from(t.dataSync()));
    expect(w(again)).toEqual(w(first));

    const logs: string[] = [];
    const other = createLstmAutoencoder({ ...tiny, seed: 2 });
    const redone = await pretrainedLstmAutoencoder(other, sequences, { cacheDir, epochs: 1, seed: 0, log: (m) => logs.push(m), dataKey: { fs: 150 } });
    expect(redone.cached).toBe(false);
    expect(logs.join('\n')).toMatch(/other data or settings/);
    expect(JSON.parse(await readFile(join(cacheDir, 'history.json'), 'utf8')).key).toContain('"fs":150');
  });
});
