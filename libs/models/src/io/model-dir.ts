import * as tf from '@tensorflow/tfjs';
import { fileSystemIOHandler, readModelJson } from './file-system-handler';

export interface SaveModelOptions {
  /** JSON-serialisable facts stored in model.json's userDefinedMetadata (config, data split, seed...). */
  metadata?: Record<string, unknown>;
  /** Also store the compiled optimizer's config and state (to resume training); default false. */
  includeOptimizer?: boolean;
}

/** Save a LayersModel to `dir` (model.json + weights.bin, written atomically; see fileSystemIOHandler). */
export function saveModelToDir(model: tf.LayersModel, dir: string, options: SaveModelOptions = {}): Promise<tf.io.SaveResult> {
  return model.save(fileSystemIOHandler(dir, { metadata: options.metadata }), { includeOptimizer: options.includeOptimizer ?? false });
}

/**
 * Load a LayersModel saved by saveModelToDir. Custom layers must be registered
 * (tf.serialization.registerClass) before the call, i.e. their module must have been imported.
 */
export function loadModelFromDir(dir: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(fileSystemIOHandler(dir));
}

/** The userDefinedMetadata stored with a saved model ({} when there is none). */
export async function readModelMetadata(dir: string): Promise<Record<string, unknown>> {
  const json = await readModelJson(dir);
  return (json.userDefinedMetadata ?? {}) as Record<string, unknown>;
}
