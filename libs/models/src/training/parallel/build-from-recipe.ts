import * as tf from '@tensorflow/tfjs';
import { loadModelFromDir } from '../../io';
import { buildModel } from '../../registry'; // also registers every custom layer class of libs/models
import type { ModelRecipe } from './recipe';

/** Build a worker's copy of the model from its recipe (runs inside the worker thread). */
export async function buildFromRecipe(recipe: ModelRecipe): Promise<tf.LayersModel> {
  for (const path of recipe.preload ?? []) require(path);
  switch (recipe.kind) {
    case 'registry':
      return buildModel(recipe.name, recipe.spec).model;
    case 'folder':
      return loadModelFromDir(recipe.dir);
    case 'topology':
      return tf.models.modelFromJSON({ modelTopology: recipe.topology } as tf.io.ModelJSON);
  }
}
