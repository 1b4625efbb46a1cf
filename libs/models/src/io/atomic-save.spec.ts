import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isModelIoError } from './errors';
import { MODEL_JSON, WEIGHTS_BIN } from './file-system-handler';
import { loadModelFromDir, saveModelToDir } from './model-dir';

// Simulate a crash at the last step of a save: the rename that publishes model.json fails.
const failures = vi.hoisted(() => ({ modelJsonRename: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    rename: async (from: string, to: string) => {
      if (failures.modelJsonRename && to.endsWith(MODEL_JSON)) throw new Error('simulated crash');
      return real.rename(from, to);
    },
  };
});

let root: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'model-io-atomic-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const model = (seed: number) => {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [3], units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed }) }));
  return m;
};

describe('atomic save', () => {
  it('an overwrite interrupted before model.json is published leaves a folder that does not load as complete', async () => {
    const dir = join(root, 'm');
    await saveModelToDir(model(1), dir);
    failures.modelJsonRename = true;
    await expect(saveModelToDir(model(2), dir)).rejects.toThrow('simulated crash');
    failures.modelJsonRename = false;
    // the new weights are in place but there is no model.json: never old json + new weights
    expect((await readdir(dir)).sort()).toEqual([WEIGHTS_BIN]);
    await loadModelFromDir(dir).then(
      () => expect.unreachable(),
      (e) => expect(isModelIoError(e, 'MODEL_JSON_MISSING')).toBe(true),
    );
    // a later save completes the folder again
    await saveModelToDir(model(3), dir);
    expect((await readdir(dir)).sort()).toEqual([MODEL_JSON, WEIGHTS_BIN]);
    await loadModelFromDir(dir);
  });
});
