import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledSampleRoot, countWindows, createRng, loadCinc2017 } from '@efficientecg/datasets';
import { meanProbabilitiesByGroup } from '@efficientecg/models';
import { N_RHYTHM_FEATURES, recordRhythmFeatures } from '@efficientecg/signal';
import { prepareCinc2017Records, recordInputNames, RecordCropSource, recordWindowSource } from './cinc2017-source';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('CinC 2017 records as model inputs (bundled sample)', () => {
  const entries = loadCinc2017(join(bundledSampleRoot(), 'cinc2017')).entries.slice(0, 6);
  const prepared = prepareCinc2017Records(entries, { fs: 300, withFeatures: true });

  it('prepared records keep their length, and R peaks are found at a plausible rate', () => {
    for (const p of prepared) {
      expect(p.signal.length).toBeGreaterThan(2700);
      if (p.labelIndex === 3) continue; // too-noisy records may have no usable beats
      const seconds = p.signal.length / 300;
      expect(p.rPeaks.length / seconds).toBeGreaterThan(0.5);
      expect(p.rPeaks.length / seconds).toBeLessThan(4);
      expect(p.features.length).toBe(p.rPeaks.length);
    }
  });
  it('training crops are seeded, fixed-length and z-scored; evaluation takes the centre', () => {
    const src = new RecordCropSource(prepared, 3000, 16);
    const a = src.batch([0, 1], { training: true, rng: createRng(1) });
    const b = src.batch([0, 1], { training: true, rng: createRng(1) });
    const c = src.batch([0, 1], { training: true, rng: createRng(2) });
    expect(a.inputs.map((t) => t.shape)).toEqual([[2, 3000, 1], [2, 16, 8], [2, 16, 8]]);
    expect(Array.from(a.inputs[0].dataSync())).toEqual(Array.from(b.inputs[0].dataSync()));
    expect(Array.from(a.inputs[0].dataSync())).not.toEqual(Array.from(c.inputs[0].dataSync()));
    const x = Array.from(a.inputs[0].dataSync()).slice(0, 3000);
    expect(x.reduce((s, v) => s + v, 0) / 3000).toBeCloseTo(0, 4);
    const onlySignal = src.forModel(['signal']).batch([0], { training: false, rng: createRng(0) });
    expect(onlySignal.inputs).toHaveLength(1);
  });
  it('evaluation windows follow the sliding policy; window probabilities average per record', () => {
    const policy = { kind: 'sliding', length: 3000, stride: 1500 } as const;
    const win = recordWindowSource(prepared, policy, 16);
    expect(win.size).toBe(prepared.reduce((n, p) => n + countWindows(p.signal.length, policy), 0));
    expect(new Set(win.groups).size).toBe(6);
    const probs = new Float32Array(win.size * 4).fill(0.25);
    probs[0] = 1;
    probs[1] = probs[2] = probs[3] = 0;
    const agg = meanProbabilitiesByGroup(probs, win.groups, 4);
    expect(agg.groups).toEqual(prepared.map((p) => p.id));
    const n0 = win.groups.filter((g) => g === prepared[0].id).length;
    expect(agg.probs[0]).toBeCloseTo((1 + 0.25 * (n0 - 1)) / n0, 6);
  });
  it("with rhythm features, every window of a record carries the whole record's rhythm as rr_features", () => {
    expect(recordInputNames(16, true)).toEqual(['signal', 'beat_features', 'beat_mask', 'rr_features']);
    expect(recordInputNames(0, true)).toEqual(['signal', 'rr_features']);
    const expected = prepared.map((p) => recordRhythmFeatures(p.features, p.fs, p.signal.length));
    // the sample holds records of different rhythm: the vectors differ between records
    expect(new Set(expected.map((v) => v.join(','))).size).toBeGreaterThan(1);
    const policy = { kind: 'sliding', length: 3000, stride: 1500 } as const;
    const win = recordWindowSource(prepared, policy, 0, true);
    const rr = win.inputs.find((i) => i.name === 'rr_features')!;
    expect(rr.shape).toEqual([N_RHYTHM_FEATURES]);
    win.groups.forEach((g, w) => {
      const k = prepared.findIndex((p) => p.id === g);
      expect(Array.from(rr.data.subarray(w * N_RHYTHM_FEATURES, (w + 1) * N_RHYTHM_FEATURES))).toEqual(Array.from(expected[k]));
    });
    const crops = new RecordCropSource(prepared, 3000, 16, true).batch([2, 0], { training: true, rng: createRng(3) });
    expect(crops.inputs.map((t) => t.shape)).toEqual([[2, 3000, 1], [2, 16, 8], [2, 16, 8], [2, N_RHYTHM_FEATURES]]);
    expect(Array.from(crops.inputs[3].dataSync())).toEqual([...expected[2], ...expected[0]]);
    // a model without the LSTM-AE takes the signal and the rhythm only
    const two = new RecordCropSource(prepared, 3000, 16, true).forModel(['signal', 'rr_features']).batch([1], { training: false, rng: createRng(0) });
    expect(two.inputs.map((t) => t.shape)).toEqual([[1, 3000, 1], [1, N_RHYTHM_FEATURES]]);
  });
});
