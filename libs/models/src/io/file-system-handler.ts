import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ModelIoError } from './errors';

/** File names inside a model folder (the layout tfjs-node's `file://` handler also uses). */
export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/**
 * Extra top-level key in model.json (tfjs ignores unknown keys): size and sha256 of weights.bin,
 * so a weights file from another save is caught even when its size happens to match.
 */
export interface WeightsIntegrity {
  file: string;
  bytes: number;
  sha256: string;
}

export interface FileSystemIOHandlerOptions {
  /** Merged over the model's own userDefinedMetadata and stored in model.json. */
  metadata?: Record<string, unknown>;
}

type StoredModelJson = tf.io.ModelJSON & { weightsIntegrity?: WeightsIntegrity };

/**
 * A tf.io.IOHandler that keeps a model in a folder: model.json (modelTopology + weightsManifest)
 * and weights.bin. tfjs (without tfjs-node) has no `file://` handler, hence this one.
 *
 * Saving is crash-safe in the sense that a folder is either the previous complete model, the new
 * complete model, or visibly incomplete (no model.json): model.json is the "commit record".
 * Order: weights go to a temp file (fsync), the old model.json is removed, the temp file is
 * renamed to weights.bin, model.json is written to a temp file (fsync) and renamed last, then
 * the folder entry is fsynced. Two processes saving into one folder at once are not supported.
 */
export function fileSystemIOHandler(dir: string, options: FileSystemIOHandlerOptions = {}): tf.io.IOHandler {
  return {
    save: (artifacts) => saveArtifacts(dir, artifacts, options),
    load: () => loadArtifacts(dir),
  };
}

async function saveArtifacts(dir: string, artifacts: tf.io.ModelArtifacts, options: FileSystemIOHandlerOptions): Promise<tf.io.SaveResult> {
  if (artifacts.modelTopology instanceof ArrayBuffer || artifacts.modelTopology == null) {
    throw new ModelIoError('UNSUPPORTED_ARTIFACTS', dir, 'only JSON model topologies (tf.LayersModel) can be saved to a folder');
  }
  const specs = artifacts.weightSpecs ?? [];
  const weights = new Uint8Array(artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0));
  const expected = expectedBytes(specs);
  if (expected !== null && expected !== weights.byteLength) {
    throw new ModelIoError('UNSUPPORTED_ARTIFACTS', dir, `the model produced ${weights.byteLength} weight bytes but its specs describe ${expected}`);
  }
  const metadata = { ...(artifacts.userDefinedMetadata ?? {}), ...(options.metadata ?? {}) };
  const modelJson: StoredModelJson = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: specs }],
    weightsIntegrity: { file: WEIGHTS_BIN, bytes: weights.byteLength, sha256: sha256(weights) },
  };
  if (artifacts.trainingConfig) modelJson.trainingConfig = artifacts.trainingConfig;
  if (Object.keys(metadata).length > 0) modelJson.userDefinedMetadata = metadata as { [key: string]: {} };
  if (artifacts.signature) modelJson.signature = artifacts.signature;

  await mkdir(dir, { recursive: true });
  const tag = `${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const weightsTmp = join(dir, `${WEIGHTS_BIN}.${tag}`);
  const jsonTmp = join(dir, `${MODEL_JSON}.${tag}`);
  try {
    await writeDurably(weightsTmp, weights);
    // from here until the final rename the folder has no model.json: it cannot look complete
    await rm(join(dir, MODEL_JSON), { force: true });
    await rename(weightsTmp, join(dir, WEIGHTS_BIN));
    await writeDurably(jsonTmp, Buffer.from(JSON.stringify(modelJson)));
    await rename(jsonTmp, join(dir, MODEL_JSON));
    await syncDir(dir);
  } finally {
    await rm(weightsTmp, { force: true });
    await rm(jsonTmp, { force: true });
  }
  return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON({ ...artifacts, weightData: weights.buffer as ArrayBuffer }) };
}

async function loadArtifacts(dir: string): Promise<tf.io.ModelArtifacts> {
  const modelJson = await readModelJson(dir);
  const groups = modelJson.weightsManifest;
  const specs: tf.io.WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  for (const group of groups) {
    const files = group.paths.map((p) => join(dir, p));
    const bytes: Uint8Array[] = [];
    for (const file of files) bytes.push(await readWeightsFile(file));
    const got = bytes.reduce((n, b) => n + b.byteLength, 0);
    const want = expectedBytes(group.weights);
    if (want !== null && want !== got) {
      const named = files.length === 1 ? files[0] : files.join(' + ');
      throw new ModelIoError('WEIGHTS_SIZE_MISMATCH', named, `has ${got} bytes but ${MODEL_JSON}'s weightsManifest describes ${want} (${group.weights.length} tensors); the save did not finish or the files come from different saves`);
    }
    specs.push(...group.weights);
    parts.push(...bytes);
  }
  const weights = concat(parts);
  const integrity = modelJson.weightsIntegrity;
  if (integrity && groups.length === 1 && groups[0].paths.length === 1 && groups[0].paths[0] === integrity.file) {
    const digest = sha256(weights);
    if (digest !== integrity.sha256) {
      throw new ModelIoError('WEIGHTS_CHECKSUM_MISMATCH', join(dir, integrity.file), `sha256 ${digest} differs from ${integrity.sha256} recorded in ${MODEL_JSON}`);
    }
  }
  return tf.io.getModelArtifactsForJSON(modelJson, async () => [specs, weights.buffer as ArrayBuffer]);
}

/** model.json of a saved folder, validated (typed errors for a missing or corrupt file). */
export async function readModelJson(dir: string): Promise<StoredModelJson> {
  const file = join(dir, MODEL_JSON);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      const folderExists = await stat(dir).then(() => true, () => false);
      throw new ModelIoError('MODEL_JSON_MISSING', file, folderExists ? 'the folder has no model.json (never saved, or a save was interrupted)' : 'the model folder does not exist');
    }
    throw e;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ModelIoError('MODEL_JSON_CORRUPT', file, `is not valid JSON (${(e as Error).message})`);
  }
  const json = parsed as StoredModelJson;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new ModelIoError('MODEL_JSON_CORRUPT', file, 'is not a JSON object');
  if (json.modelTopology === null || typeof json.modelTopology !== 'object') throw new ModelIoError('MODEL_JSON_CORRUPT', file, 'has no modelTopology object');
  if (!Array.isArray(json.weightsManifest)) throw new ModelIoError('MODEL_JSON_CORRUPT', file, 'has no weightsManifest array');
  json.weightsManifest.forEach((g, i) => {
    const okPaths = Array.isArray(g?.paths) && g.paths.every((p) => typeof p === 'string' && p !== '' && basename(p) === p && p !== '..' && p !== '.');
    if (!okPaths) throw new ModelIoError('MODEL_JSON_CORRUPT', file, `weightsManifest[${i}].paths must be file names inside the model folder`);
    const okWeights = Array.isArray(g.weights) && g.weights.every((w) => typeof w?.name === 'string' && Array.isArray(w.shape) && typeof w.dtype === 'string');
    if (!okWeights) throw new ModelIoError('MODEL_JSON_CORRUPT', file, `weightsManifest[${i}].weights must be {name, shape, dtype} entries`);
  });
  return json;
}

async function readWeightsFile(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new ModelIoError('WEIGHTS_MISSING', file, `is named by ${MODEL_JSON}'s weightsManifest but does not exist`);
    throw e;
  }
}

const BYTES_PER_ELEMENT: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

/** Total bytes the specs describe, or null when they cannot be known up front (string tensors). */
function expectedBytes(specs: readonly tf.io.WeightsManifestEntry[]): number | null {
  let total = 0;
  for (const s of specs) {
    const dtype = s.quantization?.dtype ?? s.dtype;
    const size = BYTES_PER_ELEMENT[dtype];
    if (size === undefined) return null;
    total += size * s.shape.reduce((a, b) => a * b, 1);
  }
  return total;
}

async function writeDurably(file: string, data: Uint8Array): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync the folder so the renames themselves survive a power loss (best effort off Linux). */
async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // some platforms (Windows) cannot open or fsync a directory; the renames are still atomic
  } finally {
    await handle?.close();
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0].byteOffset === 0 && parts[0].byteLength === parts[0].buffer.byteLength ? parts[0] : parts[0].slice();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
