import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { EcgDataError, writeFileAtomic, writeFolderAtomic, writeJsonAtomic } from '@efficientecg/datasets';
import { loadModelFromDir, saveModelToDir } from '../io';
import type { EpochRecord } from './history';
import type { ScheduleState } from './schedule';

/** Everything besides the weights that a resumed run needs to continue exactly. */
export interface TrainerState {
  /** Epochs completed. */
  epoch: number;
  history: EpochRecord[];
  best: { epoch: number; value: number } | null;
  /** Epochs since the monitored value last improved (early stopping). */
  badEpochs: number;
  schedule: ScheduleState;
}

const CHECKPOINTS = 'checkpoints';
const LATEST = 'latest.json';
export const BEST_MODEL_DIR = 'best-model';

function epochDirName(epoch: number): string {
  return `epoch-${String(epoch).padStart(3, '0')}`;
}

/**
 * Write `<runDir>/checkpoints/epoch-NNN/` (model, optimizer state, trainer state) as
 * one atomic folder, then point checkpoints/latest.json at it. Older epochs are
 * pruned, keeping the newest `keep`.
 */
export async function saveCheckpoint(runDir: string, model: tf.LayersModel, optimizer: tf.Optimizer, state: TrainerState, keep = 2): Promise<string> {
  const root = join(runDir, CHECKPOINTS);
  const name = epochDirName(state.epoch);
  const optimizerWeights = await optimizer.getWeights();
  const encoded = await tf.io.encodeWeights(optimizerWeights);
  await writeFolderAtomic(join(root, name), async (tmp) => {
    await saveModelToDir(model, join(tmp, 'model'));
    writeFileAtomic(join(tmp, 'optimizer.bin'), new Uint8Array(encoded.data));
    writeJsonAtomic(join(tmp, 'optimizer.json'), { className: optimizer.getClassName(), config: optimizer.getConfig(), specs: encoded.specs });
    writeJsonAtomic(join(tmp, 'trainer-state.json'), state);
  });
  writeJsonAtomic(join(root, LATEST), { epoch: state.epoch, dir: name });
  const epochs = readdirSync(root).filter((d) => /^epoch-\d{3}$/.test(d)).sort();
  for (const old of epochs.slice(0, Math.max(0, epochs.length - keep))) rmSync(join(root, old), { recursive: true, force: true });
  return join(root, name);
}

export function hasCheckpoint(runDir: string): boolean {
  return existsSync(join(runDir, CHECKPOINTS, LATEST));
}

/** Restore weights and optimizer state from the latest checkpoint into `model` and `optimizer`; returns the trainer state. */
export async function restoreCheckpoint(runDir: string, model: tf.LayersModel, optimizer: tf.Optimizer): Promise<TrainerState> {
  const latestFile = join(runDir, CHECKPOINTS, LATEST);
  if (!existsSync(latestFile)) throw new EcgDataError('MISSING_FILE', latestFile, 'no checkpoint to resume from');
  const latest = JSON.parse(readFileSync(latestFile, 'utf8')) as { epoch: number; dir: string };
  const dir = join(runDir, CHECKPOINTS, latest.dir);
  const saved = await loadModelFromDir(join(dir, 'model'));
  const savedWeights = saved.getWeights();
  const names = model.weights.map((w) => w.shape.join('x'));
  const savedNames = saved.weights.map((w) => w.shape.join('x'));
  if (names.join(',') !== savedNames.join(',')) {
    saved.dispose();
    throw new EcgDataError('BAD_ARGUMENT', dir, 'the checkpoint was written by a model of another shape (config changed since the run started?)');
  }
  model.setWeights(savedWeights);
  saved.dispose();
  const meta = JSON.parse(readFileSync(join(dir, 'optimizer.json'), 'utf8')) as { specs: tf.io.WeightsManifestEntry[] };
  const data = readFileSync(join(dir, 'optimizer.bin'));
  const map = tf.io.decodeWeights(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength), meta.specs);
  await optimizer.setWeights(meta.specs.map((s) => ({ name: s.name, tensor: map[s.name] })));
  return JSON.parse(readFileSync(join(dir, 'trainer-state.json'), 'utf8')) as TrainerState;
}
