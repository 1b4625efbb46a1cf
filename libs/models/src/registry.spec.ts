import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countParameters } from './common';
import { countModelMacs } from './macs';
import { buildModel, modelRegistry } from './registry';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const spec = { inputLength: 256, leads: 2, classes: 5, task: 'single-label' as const, seed: 0 };

describe('model registry', () => {
  it('builds every model by name for MIT-BIH beats (256 x 2, 5 classes), each with a citation', () => {
    expect(Object.keys(modelRegistry)).toEqual(['efficientecg', 'efficientnet1d', 'resnet34-hannun', 'resnet18-se', 'cnn-lstm', 'ecg-transformer']);
    for (const name of Object.keys(modelRegistry)) {
      const built = buildModel(name, spec);
      expect(built.model.outputShape).toEqual([null, 5]);
      expect(modelRegistry[name].citation.length).toBeGreaterThan(20);
      const macs = countModelMacs(built.model);
      expect(macs.uncounted).toEqual([]);
      expect(macs.total).toBeGreaterThan(0);
      built.model.dispose();
    }
  }, 120_000);
  it('counts the fusion attention: Q from ECG tokens, K and V from the two patient tokens', () => {
    const full = buildModel('efficientecg', spec);
    const noFusion = buildModel('efficientecg', { ...spec, fusion: false });
    const fm = full.model.layers.find((l) => l instanceof tf.LayersModel)!.outputShape as number[];
    const [t, c] = [fm[1], fm[2]];
    const d = 128;
    // ECG projection t*c*d + (Q t*d*d, K and V 2*2*d*d, scores and weighted sum 2*t*2*d, output t*d*d) + head 5*d
    const expected = t * c * d + (t * d * d + 2 * d * 2 * d + t * 2 * 2 * d + t * d * d) + 5 * d;
    expect(countModelMacs(full.model).total - countModelMacs(noFusion.model).total).toBe(expected);
    expect(countParameters(full.model).total).toBeGreaterThan(countParameters(noFusion.model).total);
  });
  it('one seed builds every model with identical weights, seed 0 included (tfjs reads an initialiser seed of 0 as none); another seed differs', () => {
    const weightsOf = (name: string, seed: number, extra: object = {}) => {
      const built = buildModel(name, { ...spec, seed, ...extra });
      const w = built.model.getWeights().map((t) => Array.from(t.dataSync()));
      built.model.dispose();
      return w;
    };
    for (const name of Object.keys(modelRegistry)) {
      // EfficientECG with every optional branch: RR input and the LSTM-AE context (fusion is on by default)
      const extra = name === 'efficientecg' ? { rrFeatures: 4, contextBeats: 8 } : {};
      const first = weightsOf(name, 0, extra);
      const differing = weightsOf(name, 0, extra).flatMap((w, i) => (JSON.stringify(w) === JSON.stringify(first[i]) ? [] : [i]));
      expect({ name, differing }).toEqual({ name, differing: [] });
      expect(weightsOf(name, 1, extra)).not.toEqual(first);
    }
  }, 240_000);

  it('an unknown name is a typed error listing the known ones', () => {
    expect(() => buildModel('alexnet', spec)).toThrow(/unknown model "alexnet"; known: efficientecg/);
  });
});
