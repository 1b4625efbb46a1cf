import * as tf from '@tensorflow/tfjs';
import { countMacs, type MacCount } from './common/count';
import { ModelError } from './common/errors';

/**
 * Multiply-accumulates of one forward pass for one input, for every model in the
 * registry: countMacs (conv, depthwise, dense) plus
 * - recurrent layers: per step the gate matmuls of x_t [in] and h_{t-1} [u]: LSTM 4u(in + u), GRU 3u(in + u);
 * - attention (MultiHeadAttention, TransformerSelfAttention): the Q, K, V and output
 *   projections plus Q K^T and the weighted sum of V;
 * - time-distributed dense: every step.
 * Zero by convention (as batch norm): embeddings (a lookup; also the fusion's CategoricalEmbedding), layer norm, position
 * embeddings (an addition), the age scalar token (a 2-input affine map, negligible).
 * Layers with weights that fit none of these are listed in `uncounted`.
 */
export interface ModelMacCount extends MacCount {
  recurrent: number;
  attention: number;
}

const RECURRENT_GATES: Record<string, number> = { LSTM: 4, GRU: 3, SimpleRNN: 1 };
const FREE = new Set(['Embedding', 'CategoricalEmbedding', 'LayerNormalization', 'TransformerPositionEmbedding', 'AgeScalarToken']);

function inputShapes(layer: tf.layers.Layer): number[][] {
  // node 0: the layer's first application (shared layers have the same shapes in every graph)
  const input = layer.getInputAt(0) as tf.SymbolicTensor | tf.SymbolicTensor[];
  const shapes = (Array.isArray(input) ? input : [input]).map((t) => t.shape);
  for (const s of shapes) {
    if (s.slice(1).some((d) => d == null)) {
      throw new ModelError('UNKNOWN_SHAPE', `countModelMacs(${layer.name})`, `input shape ${JSON.stringify(s)} needs a static length; build the model with a fixed input length`);
    }
  }
  return shapes as number[][];
}

export function countModelMacs(model: tf.LayersModel): ModelMacCount {
  const base = countMacs(model);
  const out: ModelMacCount = { ...base, recurrent: 0, attention: 0, uncounted: [] };
  const byName = new Map<string, tf.layers.Layer>();
  const collect = (m: tf.LayersModel): void => m.layers.forEach((l) => void (l instanceof tf.LayersModel ? collect(l) : byName.set(l.name, l)));
  collect(model);
  for (const name of base.uncounted) {
    const layer = byName.get(name)!;
    const kind = layer.getClassName();
    if (FREE.has(kind)) continue;
    const cfg = layer.getConfig() as Record<string, unknown>;
    if (kind in RECURRENT_GATES) {
      const [, steps, features] = inputShapes(layer)[0];
      const units = cfg.units as number;
      out.recurrent += steps * RECURRENT_GATES[kind] * units * (features + units);
    } else if (kind === 'MultiHeadAttention') {
      const [q, kv] = inputShapes(layer);
      const [, tq, dq] = q;
      const [, tk, dkv] = kv ?? q;
      const heads = cfg.numHeads as number;
      const keyDim = cfg.keyDim as number;
      const valueDim = (cfg.valueDim as number | undefined) ?? keyDim;
      const outDim = (cfg.outputDim as number | null | undefined) ?? dq;
      out.attention += tq * dq * heads * keyDim + tk * dkv * heads * (keyDim + valueDim) + tq * tk * heads * (keyDim + valueDim) + tq * heads * valueDim * outDim;
    } else if (kind === 'TransformerSelfAttention') {
      const [, tokens, d] = inputShapes(layer)[0];
      out.attention += 4 * tokens * d * d + 2 * tokens * tokens * d;
    } else if (kind === 'TimeDistributed') {
      const [, steps] = inputShapes(layer)[0];
      const kernel = layer.weights[0].shape as number[];
      out.dense += steps * kernel.reduce((a, b) => a * b, 1);
    } else {
      out.uncounted.push(name);
    }
  }
  out.total = out.conv + out.depthwise + out.dense + out.recurrent + out.attention;
  return out;
}
