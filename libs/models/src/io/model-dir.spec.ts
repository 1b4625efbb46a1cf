import { mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isModelIoError, type ModelIoErrorCode } from './errors';
import { MODEL_JSON, WEIGHTS_BIN, fileSystemIOHandler } from './file-system-handler';
import { loadModelFromDir, readModelMetadata, saveModelToDir } from './model-dir';

let root: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'model-io-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function denseModel(seed: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [5], units: 7, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }), biasInitializer: tf.initializers.randomNormal({ seed: seed + 1 }) }));
  model.add(tf.layers.dense({ units: 3, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }));
  return model;
}

const input = () => tf.tensor2d(Array.from({ length: 20 }, (_, i) => Math.sin(i * 1.7) * 3), [4, 5]);
const bits = (t: tf.Tensor) => Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));

async function expectIoError(p: Promise<unknown>, code: ModelIoErrorCode, file: string): Promise<void> {
  try {
    await p;
    expect.unreachable(`expected ${code}`);
  } catch (e) {
    expect(isModelIoError(e, code), String(e)).toBe(true);
    expect((e as Error).message).toContain(file);
  }
}

describe('saveModelToDir / loadModelFromDir', () => {
  it('round-trips a dense model with bitwise-identical outputs and writes only model.json + weights.bin', async () => {
    const dir = join(root, 'dense');
    const model = denseModel(1);
    const result = await saveModelToDir(model, dir, { metadata: { seed: 1, note: 'test' } });
    expect(result.modelArtifactsInfo.weightDataBytes).toBe((5 * 7 + 7 + 7 * 3 + 3) * 4);
    expect((await readdir(dir)).sort()).toEqual([MODEL_JSON, WEIGHTS_BIN]);
    const loaded = await loadModelFromDir(dir);
    const x = input();
    expect(bits(loaded.predict(x) as tf.Tensor)).toEqual(bits(model.predict(x) as tf.Tensor));
    expect(await readModelMetadata(dir)).toEqual({ seed: 1, note: 'test' });
    const json = JSON.parse(await readFile(join(dir, MODEL_JSON), 'utf8'));
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['modelTopology', 'weightsManifest', 'weightsIntegrity']));
    expect(json.weightsManifest[0].paths).toEqual([WEIGHTS_BIN]);
  });

  it('works as a plain IOHandler with model.save and tf.loadLayersModel, and overwrites a previous save', async () => {
    const dir = join(root, 'handler');
    await denseModel(10).save(fileSystemIOHandler(dir));
    const model = denseModel(20);
    await model.save(fileSystemIOHandler(dir));
    expect((await readdir(dir)).sort()).toEqual([MODEL_JSON, WEIGHTS_BIN]); // no temp files left
    const loaded = await tf.loadLayersModel(fileSystemIOHandler(dir));
    const x = input();
    expect(bits(loaded.predict(x) as tf.Tensor)).toEqual(bits(model.predict(x) as tf.Tensor));
  });

  it('loads folders written without weightsIntegrity (e.g. by tfjs-node file://) and sharded weights', async () => {
    const dir = join(root, 'plain');
    const model = denseModel(4);
    await saveModelToDir(model, dir);
    const json = JSON.parse(await readFile(join(dir, MODEL_JSON), 'utf8'));
    delete json.weightsIntegrity;
    // split weights.bin into two shards named by the manifest, as tfjs' converters do
    const bytes = await readFile(join(dir, WEIGHTS_BIN));
    await writeFile(join(dir, 'group1-shard1of2.bin'), bytes.subarray(0, 50));
    await writeFile(join(dir, 'group1-shard2of2.bin'), bytes.subarray(50));
    json.weightsManifest[0].paths = ['group1-shard1of2.bin', 'group1-shard2of2.bin'];
    await writeFile(join(dir, MODEL_JSON), JSON.stringify(json));
    const loaded = await loadModelFromDir(dir);
    expect(bits(loaded.predict(input()) as tf.Tensor)).toEqual(bits(model.predict(input()) as tf.Tensor));
  });

  it('keeps the training config and optimizer state with includeOptimizer', async () => {
    const dir = join(root, 'compiled');
    const model = denseModel(3);
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    await model.fit(input(), tf.ones([4, 3]), { epochs: 2, verbose: 0 });
    await saveModelToDir(model, dir, { includeOptimizer: true });
    const json = JSON.parse(await readFile(join(dir, MODEL_JSON), 'utf8'));
    expect(json.trainingConfig.loss).toBe('mean_squared_error');
    const names: string[] = json.weightsManifest[0].weights.map((w: { name: string }) => w.name);
    expect(names.some((n) => n.includes('/m'))).toBe(true); // Adam moments are stored too
    const loaded = await loadModelFromDir(dir);
    expect(bits(loaded.predict(input()) as tf.Tensor)).toEqual(bits(model.predict(input()) as tf.Tensor));
  });
});

describe('typed errors', () => {
  let good: string;
  beforeAll(async () => {
    good = join(root, 'good');
    await saveModelToDir(denseModel(5), good);
  });
  const copy = async (name: string) => {
    const dir = join(root, name);
    await rm(dir, { recursive: true, force: true });
    await saveModelToDir(denseModel(5), dir);
    return dir;
  };

  it('MODEL_JSON_MISSING for a missing folder and for a folder holding only weights (interrupted save)', async () => {
    await expectIoError(loadModelFromDir(join(root, 'nope')), 'MODEL_JSON_MISSING', join(root, 'nope', MODEL_JSON));
    const dir = await copy('half');
    await rm(join(dir, MODEL_JSON));
    await expectIoError(loadModelFromDir(dir), 'MODEL_JSON_MISSING', join(dir, MODEL_JSON));
  });

  it('MODEL_JSON_CORRUPT for truncated JSON, a missing manifest and paths leaving the folder', async () => {
    const dir = await copy('corrupt');
    const text = await readFile(join(dir, MODEL_JSON), 'utf8');
    await writeFile(join(dir, MODEL_JSON), text.slice(0, text.length >> 1));
    await expectIoError(loadModelFromDir(dir), 'MODEL_JSON_CORRUPT', join(dir, MODEL_JSON));
    const json = JSON.parse(text);
    await writeFile(join(dir, MODEL_JSON), JSON.stringify({ ...json, weightsManifest: undefined }));
    await expectIoError(loadModelFromDir(dir), 'MODEL_JSON_CORRUPT', join(dir, MODEL_JSON));
    json.weightsManifest[0].paths = ['../good/weights.bin'];
    await writeFile(join(dir, MODEL_JSON), JSON.stringify(json));
    await expectIoError(loadModelFromDir(dir), 'MODEL_JSON_CORRUPT', join(dir, MODEL_JSON));
  });

  it('WEIGHTS_MISSING and WEIGHTS_SIZE_MISMATCH name weights.bin', async () => {
    const dir = await copy('weights');
    await truncate(join(dir, WEIGHTS_BIN), 100);
    await expectIoError(loadModelFromDir(dir), 'WEIGHTS_SIZE_MISMATCH', join(dir, WEIGHTS_BIN));
    await writeFile(join(dir, WEIGHTS_BIN), new Uint8Array(1000));
    await expectIoError(loadModelFromDir(dir), 'WEIGHTS_SIZE_MISMATCH', join(dir, WEIGHTS_BIN));
    await rm(join(dir, WEIGHTS_BIN));
    await expectIoError(loadModelFromDir(dir), 'WEIGHTS_MISSING', join(dir, WEIGHTS_BIN));
  });

  it('WEIGHTS_CHECKSUM_MISMATCH when weights.bin of the same size comes from another save', async () => {
    const dir = await copy('mixed');
    await saveModelToDir(denseModel(99), join(root, 'other'));
    await writeFile(join(dir, WEIGHTS_BIN), await readFile(join(root, 'other', WEIGHTS_BIN)));
    await expectIoError(loadModelFromDir(dir), 'WEIGHTS_CHECKSUM_MISMATCH', join(dir, WEIGHTS_BIN));
  });
});
