import type * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from '../../registry';

/**
 * How a worker thread builds its own copy of the model: serialisable, since tf.LayersModel
 * objects cannot cross threads. The weights always come from the main thread afterwards, so
 * the recipe only has to give the same architecture (same weights in the same order and shapes,
 * same trainable flags); the engine checks that.
 */
export type ModelRecipe =
  /** A model of the registry (buildModel(name, spec)). */
  | { kind: 'registry'; name: string; spec: ModelSpec; preload?: string[] }
  /** A model folder written by saveModelToDir (model.json + weights.bin). */
  | { kind: 'folder'; dir: string; preload?: string[] }
  /** The model's own topology JSON (model.toJSON): works for any model whose layers are registered classes. */
  | { kind: 'topology'; topology: object; preload?: string[] };
// `preload`: absolute paths of modules the worker requires first, e.g. to register custom layer
// classes defined outside libs/models (tf.serialization.registerClass runs on import).

/** The default recipe: the main model's architecture as JSON (layer classes, configs, trainable flags). */
export function recipeFromModel(model: tf.LayersModel, preload?: string[]): ModelRecipe {
  return { kind: 'topology', topology: model.toJSON(null, false) as object, ...(preload ? { preload } : {}) };
}
