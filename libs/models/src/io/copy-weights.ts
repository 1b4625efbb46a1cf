import type * as tf from '@tensorflow/tfjs';
import { ModelIoError } from './errors';

function isContainer(layer: tf.layers.Layer): layer is tf.layers.Layer & { layers: tf.layers.Layer[]; getLayer(name: string): tf.layers.Layer } {
  return Array.isArray((layer as { layers?: unknown }).layers);
}

/**
 * Copy weights from `from` into `to` layer by layer, matched by layer name (nested
 * models included). `model.setWeights(other.getWeights())` matches by position, and a
 * model lists trainable weights before frozen ones: a model saved with a frozen
 * encoder and rebuilt with a trainable one lists the same weights in another order.
 * `where` names the source in errors (a folder or file).
 */
export function copyWeightsByLayer(from: tf.LayersModel, to: tf.LayersModel, where: string): void {
  copyLayers(from as unknown as tf.layers.Layer & { getLayer(name: string): tf.layers.Layer }, to.layers, where);
}

function copyLayers(from: { getLayer(name: string): tf.layers.Layer }, layers: readonly tf.layers.Layer[], where: string): void {
  for (const layer of layers) {
    let source: tf.layers.Layer;
    try {
      source = from.getLayer(layer.name);
    } catch {
      throw new ModelIoError('MODEL_JSON_CORRUPT', where, `no layer "${layer.name}" to copy weights from`);
    }
    if (isContainer(layer)) {
      if (!isContainer(source)) throw new ModelIoError('MODEL_JSON_CORRUPT', where, `layer "${layer.name}" is a model here but a plain layer in the source`);
      copyLayers(source, layer.layers, where);
      continue;
    }
    const weights = source.getWeights();
    const expected = layer.getWeights();
    if (weights.length !== expected.length) {
      throw new ModelIoError('MODEL_JSON_CORRUPT', where, `layer "${layer.name}" has ${expected.length} weights, the source ${weights.length}`);
    }
    // per layer the order is fixed (kernel, recurrent kernel, bias; BN gamma, beta, mean, variance) whatever is frozen
    if (weights.length > 0) layer.setWeights(weights);
  }
}
