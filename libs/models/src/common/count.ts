import * as tf from '@tensorflow/tfjs';
import { ModelError } from './errors';

export interface ParameterCount {
  /** Weights the optimiser updates (kernels, biases, batch-norm gamma/beta). */
  trainable: number;
  /** Weights that are not trained by gradient (batch-norm moving mean/variance, frozen layers). */
  nonTrainable: number;
  total: number;
}

const sizeOf = (shape: readonly (number | null)[]): number => shape.reduce<number>((a, b) => a * (b ?? 0), 1);

/** Parameter count the way Keras' model.summary() reports it. */
export function countParameters(model: tf.LayersModel | tf.layers.Layer): ParameterCount {
  const trainable = model.trainableWeights.reduce((n, w) => n + sizeOf(w.shape), 0);
  const nonTrainable = model.nonTrainableWeights.reduce((n, w) => n + sizeOf(w.shape), 0);
  return { trainable, nonTrainable, total: trainable + nonTrainable };
}

/**
 * Multiply-accumulates of one forward pass for ONE sample, split by layer kind.
 *
 * Counted: every output position times the kernel size of
 * - conv: Conv1D / Conv2D / Conv3D = outputPositions * k * Cin * Cout,
 * - depthwise: DepthwiseConv2D = outputPositions * k * C * depthMultiplier,
 * - dense: Dense = (positions it is applied at) * in * out.
 * Not counted (the usual convention, e.g. EfficientNet's FLOPs tables): biases, batch norm (it
 * folds into the preceding conv at inference), activations, the SE channel multiply, residual
 * adds, pooling, reshapes. Other layers that own weights (LSTM, embeddings, custom layers) are
 * listed by name in `uncounted` rather than silently skipped.
 */
export interface MacCount {
  conv: number;
  depthwise: number;
  dense: number;
  total: number;
  uncounted: string[];
}

const CONV = new Set(['Conv1D', 'Conv2D', 'Conv3D']);

export function countMacs(model: tf.LayersModel): MacCount {
  const out: MacCount = { conv: 0, depthwise: 0, dense: 0, total: 0, uncounted: [] };
  visit(model, out);
  out.total = out.conv + out.depthwise + out.dense;
  return out;
}

function visit(model: tf.LayersModel, out: MacCount): void {
  for (const layer of model.layers) {
    if (layer instanceof tf.LayersModel) {
      visit(layer, out);
      continue;
    }
    const kind = layer.getClassName();
    const isConv = CONV.has(kind);
    if (!isConv && kind !== 'DepthwiseConv2D' && kind !== 'Dense') {
      if (layer.weights.length > 0 && kind !== 'BatchNormalization') out.uncounted.push(layer.name);
      continue;
    }
    // tfjs creates the kernel first (kernel / depthwise_kernel, then bias)
    const kernel = layer.weights[0].shape as number[];
    const shape = layer.outputShape as tf.Shape;
    const positions = shape.slice(1, -1);
    if (positions.some((d) => d == null)) {
      throw new ModelError(
        'UNKNOWN_SHAPE',
        `countMacs(${layer.name})`,
        `output shape ${JSON.stringify(shape)} has an unknown length; build the model with a fixed input length`,
      );
    }
    const macs = sizeOf(positions as number[]) * sizeOf(kernel);
    if (isConv) out.conv += macs;
    else if (kind === 'Dense') out.dense += macs;
    else out.depthwise += macs;
  }
}
