import * as tf from '@tensorflow/tfjs';
import { countMacs, type MacCount } from '../common/count';
import { ModelError } from '../common/errors';
import { TransformerPositionEmbedding } from './ecg-transformer/position-embedding';
import { TransformerSelfAttention } from './ecg-transformer/self-attention';

/**
 * countMacs (common/count.ts) plus the layers it lists as `uncounted` in the baselines:
 *
 * - recurrent: per time step the gate matmuls of x_t [in] and h_{t-1} [u]:
 *   LSTM T * 4u(in + u), GRU T * 3u(in + u), SimpleRNN T * u(in + u).
 * - attention (TransformerSelfAttention, T tokens of width d): Q, K, V and output projections
 *   4 T d^2, scores Q K^T T^2 d (h heads x T^2 x d/h), weighted sum of V T^2 d
 *   -> 4 T d^2 + 2 T^2 d.
 * - zero, like batch norm in countMacs: LayerNormalization (elementwise) and
 *   TransformerPositionEmbedding (an addition). Gate nonlinearities, softmax and the 1/sqrt(d/h)
 *   scale are elementwise and not counted either.
 * Anything else with weights stays in `uncounted`.
 */
export interface BaselineMacCount extends MacCount {
  recurrent: number;
  attention: number;
}

const RECURRENT_GATES: Record<string, number> = { LSTM: 4, GRU: 3, SimpleRNN: 1 };

export function countBaselineMacs(model: tf.LayersModel): BaselineMacCount {
  const base = countMacs(model);
  const out: BaselineMacCount = { ...base, recurrent: 0, attention: 0, uncounted: [] };
  const byName = new Map<string, tf.layers.Layer>();
  const collect = (m: tf.LayersModel): void => {
    for (const l of m.layers) {
      if (l instanceof tf.LayersModel) collect(l);
      else byName.set(l.name, l);
    }
  };
  collect(model);

  for (const name of base.uncounted) {
    const layer = byName.get(name);
    const kind = layer?.getClassName();
    if (!layer || !kind) {
      out.uncounted.push(name);
      continue;
    }
    if (kind === 'LayerNormalization' || kind === TransformerPositionEmbedding.className) continue;
    const shape = staticInputShape(layer);
    if (kind in RECURRENT_GATES) {
      const [, steps, features] = shape;
      const units = (layer.getConfig() as { units: number }).units;
      out.recurrent += steps * RECURRENT_GATES[kind] * units * (features + units);
    } else if (kind === TransformerSelfAttention.className) {
      const [, tokens, d] = shape;
      out.attention += 4 * tokens * d * d + 2 * tokens * tokens * d;
    } else {
      out.uncounted.push(name);
    }
  }
  out.total = out.conv + out.depthwise + out.dense + out.recurrent + out.attention;
  return out;
}

function staticInputShape(layer: tf.layers.Layer): number[] {
  const input = layer.input as tf.SymbolicTensor | tf.SymbolicTensor[];
  const shape = (Array.isArray(input) ? input[0] : input).shape;
  if (shape.length !== 3 || shape.slice(1).some((d) => d == null)) {
    throw new ModelError(
      'UNKNOWN_SHAPE',
      `countBaselineMacs(${layer.name})`,
      `input shape ${JSON.stringify(shape)} needs a static length; build the model with a fixed input length`,
    );
  }
  return shape as number[];
}
