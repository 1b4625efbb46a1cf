import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHeaderComments, readWfdbHeaderFile, readWfdbRecord, testDataRoot } from '@efficientecg/datasets';
import { countParameters, isModelError } from '../common';
import { loadModelFromDir, saveModelToDir } from '../io';
import type { CrossAttentionFusionConfig } from './config';
import { attentionWeightsOf, buildFusionModel, createCrossAttentionFusion } from './cross-attention-fusion';
import { AGE_UNKNOWN_BIN, SEX_UNKNOWN, encodeAge, encodeAgeScalar, encodeSex } from './patient-encoding';

let root: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'fusion-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const bits = (t: tf.Tensor) => Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));
const wave = (shape: number[], phase: number) => {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Array.from({ length: n }, (_, i) => Math.sin(i * 0.43 + phase)), shape);
};
const small: Partial<CrossAttentionFusionConfig> = { d: 8, heads: 4, seed: 1 };
const T = 5;
const C = 6;
/** Batch of 3: (age 45, M), (age 72, F), (unknown, unknown). */
function batch(ageEncoding: 'bins' | 'scalar'): tf.Tensor[] {
  const ages = ageEncoding === 'bins' ? [[encodeAge(45)], [encodeAge(72)], [encodeAge(null)]] : [encodeAgeScalar(45), encodeAgeScalar(72), encodeAgeScalar(null)];
  return [wave([3, T, C], 0), tf.tensor2d(ages), tf.tensor2d([[encodeSex('M')], [encodeSex('F')], [encodeSex(null)]])];
}

describe('createCrossAttentionFusion', () => {
  it('default config (d 128, 4 heads) on a C=320 feature map: 108,800 parameters, fused [B, 128]', () => {
    const model = buildFusionModel({}, { timeSteps: 12, channels: 320 });
    const d = 128;
    const expected = (320 * d + d) + 8 * d + 3 * d + 4 * (d * d + d) + 2 * d; // projection, age bins, sex, MHA, layer norm
    expect(countParameters(model).total).toBe(expected);
    expect(expected).toBe(108800);
    expect(countParameters(buildFusionModel({ ageEncoding: 'scalar' }, { timeSteps: 12, channels: 320 })).total).toBe(expected - 8 * d + 3 * d);
    expect(model.outputs[0].shape).toEqual([null, 128]);
  });

  for (const queryFrom of ['ecg', 'patient'] as const) {
    for (const ageEncoding of ['bins', 'scalar'] as const) {
      it(`queryFrom '${queryFrom}', age '${ageEncoding}': fused [B, d], attention [B, heads, Tq, Tk] summing to 1`, () => {
        const model = buildFusionModel({ ...small, queryFrom, ageEncoding }, { timeSteps: T, channels: C });
        const x = batch(ageEncoding);
        const fused = model.predict(x) as tf.Tensor;
        expect(fused.shape).toEqual([3, 8]);
        expect(Array.from(fused.dataSync()).every(Number.isFinite)).toBe(true);
        const weights = attentionWeightsOf(model, x);
        expect(weights.shape).toEqual(queryFrom === 'ecg' ? [3, 4, T, 2] : [3, 4, 2, T]);
        for (const s of weights.sum(-1).dataSync()) expect(s).toBeCloseTo(1, 6);
      });
    }
  }

  it("queryFrom 'patient' takes an ECG time-step mask as the key mask", () => {
    const fusion = createCrossAttentionFusion({ ...small, queryFrom: 'patient' });
    const ecgFeatureMap = tf.input({ shape: [T, C] });
    const ecgMask = tf.input({ shape: [T] });
    const { age, sex } = fusion.createPatientInputs();
    const model = tf.model({ inputs: [ecgFeatureMap, age, sex, ecgMask], outputs: fusion.apply({ ecgFeatureMap, age, sex, ecgMask }) });
    const [fm, a, s] = batch('bins');
    const mask = tf.tensor2d([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1], [1, 0, 0, 0, 0]]);
    const w = attentionWeightsOf(model, [fm, a, s, mask]).arraySync() as number[][][][];
    const m = mask.arraySync();
    w.forEach((heads, b) => heads.flat().forEach((row) => row.forEach((v, t) => (m[b][t] ? expect(v).toBeGreaterThan(0) : expect(v).toBe(0)))));
  });

  it('missing age and sex go through their own unknown embeddings: different outputs, no NaN', () => {
    for (const ageEncoding of ['bins', 'scalar'] as const) {
      const model = buildFusionModel({ ...small, ageEncoding }, { timeSteps: T, channels: C });
      const fm = wave([1, T, C], 3);
      const run = (age: number[], sex: number) => model.predict([fm, tf.tensor2d([age]), tf.tensor2d([[sex]])]) as tf.Tensor;
      const knownAge = ageEncoding === 'bins' ? [encodeAge(60)] : encodeAgeScalar(60);
      const unknownAge = ageEncoding === 'bins' ? [AGE_UNKNOWN_BIN] : encodeAgeScalar(null);
      const outputs = [run(knownAge, 0), run(unknownAge, 0), run(knownAge, SEX_UNKNOWN), run(unknownAge, SEX_UNKNOWN)];
      for (const o of outputs) expect(Array.from(o.dataSync()).every(Number.isFinite)).toBe(true);
      const distinct = new Set(outputs.map((o) => bits(o).join(',')));
      expect(distinct.size, ageEncoding).toBe(4);
      if (ageEncoding === 'scalar') {
        // the age slot of an unknown age is ignored, even when it holds NaN
        expect(bits(run([NaN, 0], 0))).toEqual(bits(outputs[1]));
      }
    }
  });

  it('the fusion model survives save/load through the folder IOHandler (bitwise outputs and attention)', async () => {
    for (const cfg of [{ queryFrom: 'ecg' }, { queryFrom: 'patient', ageEncoding: 'scalar' }] as Partial<CrossAttentionFusionConfig>[]) {
      const model = buildFusionModel({ ...small, ...cfg }, { timeSteps: T, channels: C });
      const dir = join(root, `${cfg.queryFrom}`);
      await saveModelToDir(model, dir, { metadata: { fusion: cfg } });
      const loaded = await loadModelFromDir(dir);
      const x = batch(cfg.ageEncoding ?? 'bins');
      expect(bits(loaded.predict(x) as tf.Tensor)).toEqual(bits(model.predict(x) as tf.Tensor));
      expect(bits(attentionWeightsOf(loaded, x))).toEqual(bits(attentionWeightsOf(model, x)));
    }
  });

  it('checks the input shapes it is wired to and its config', () => {
    const fusion = createCrossAttentionFusion(small);
    const { age, sex } = fusion.createPatientInputs();
    expect(() => fusion.apply({ ecgFeatureMap: tf.input({ shape: [C] }), age, sex })).toThrow(/\[batch, time, channels\]/);
    expect(() => fusion.apply({ ecgFeatureMap: tf.input({ shape: [T, C] }), age: tf.input({ shape: [2] }), sex })).toThrow(/ageEncoding 'bins' takes \[batch, 1\]/);
    for (const bad of [{ heads: 3 }, { d: 0 }, { queryFrom: 'both' as never }, { ageEncoding: 'onehot' as never }]) {
      try {
        createCrossAttentionFusion(bad);
        expect.unreachable(JSON.stringify(bad));
      } catch (e) {
        expect(isModelError(e, 'BAD_CONFIG')).toBe(true);
      }
    }
  });
});

const dataRoot = testDataRoot();
const mitdb = dataRoot ? join(dataRoot, 'mitdb') : '';
const haveMitdb = !!dataRoot && existsSync(join(mitdb, '103.hea'));

describe.skipIf(!haveMitdb)('fusion on MIT-BIH demographics', () => {
  it('encodes the header age/sex of records 100-124 (103 has no age) and fuses them with ECG tokens', () => {
    const names = ['100', '101', '103', '106', '108', '115', '121', '124'];
    const demographics = names.map((n) => parseHeaderComments(readWfdbHeaderFile(join(mitdb, n)).comments).demographics);
    const ageBins = demographics.map((d) => encodeAge(d.age, d.ageStatus));
    // 100: 69 M, 101: 75 F, 103: age missing, M, 106: 24 F, 108: 87 F, 115: 39 F, 121: 83 F, 124: 77 M
    expect(ageBins).toEqual([4, 5, AGE_UNKNOWN_BIN, 0, 6, 1, 6, 5]);
    expect(demographics.map((d) => encodeSex(d.sex))).toEqual([0, 1, 0, 1, 1, 1, 1, 0]);
    // stand-in "feature map": 8 x 16 samples of lead 0 (a backbone would produce [T, C] here)
    const maps = names.map((n) => Array.from(readWfdbRecord(join(mitdb, n), { channels: [0], sampTo: 128, verify: 'skip' }).signals[0]));
    const model = buildFusionModel({ ...small }, { timeSteps: 8, channels: 16 });
    const fused = model.predict([
      tf.tensor3d(maps.flat(), [names.length, 8, 16]),
      tf.tensor2d(ageBins, [names.length, 1]),
      tf.tensor2d(demographics.map((d) => encodeSex(d.sex)), [names.length, 1]),
    ]) as tf.Tensor;
    expect(fused.shape).toEqual([names.length, 8]);
    expect(Array.from(fused.dataSync()).every(Number.isFinite)).toBe(true);
  });
});
