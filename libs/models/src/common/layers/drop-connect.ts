import * as tf from '@tensorflow/tfjs';
import { ModelError } from '../errors';

export interface DropConnectArgs {
  /** Probability of dropping a whole sample's residual branch, in [0, 1). */
  rate: number;
  name?: string;
}

/**
 * Drop-connect (stochastic depth) for a residual branch: during training each sample's branch is
 * zeroed with probability `rate` and the survivors are scaled by 1/(1-rate), so the expected
 * output is unchanged; at inference it is the identity. Keras' EfficientNet does the same with
 * Dropout(noise_shape=(None,1,1,1)); a named layer makes the intent readable in summaries and
 * survives save/load through its registered className.
 */
export class DropConnect extends tf.layers.Layer {
  static readonly className = 'DropConnect';
  readonly rate: number;

  constructor(args: DropConnectArgs) {
    super({ name: args.name });
    if (!(Number.isFinite(args.rate) && args.rate >= 0 && args.rate < 1)) {
      throw new ModelError('BAD_CONFIG', 'DropConnect.rate', `rate ${args.rate} must be in [0, 1)`);
    }
    this.rate = args.rate;
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { [key: string]: any }): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (kwargs['training'] !== true || this.rate === 0) return x;
    return tf.tidy(() => {
      const keep = 1 - this.rate;
      // one Bernoulli(keep) draw per sample, broadcast over time and channels
      const maskShape = [x.shape[0], ...x.shape.slice(1).map(() => 1)];
      const mask = tf.floor(tf.add(tf.randomUniform(maskShape, 0, 1), keep));
      return tf.mul(x, tf.div(mask, keep));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate };
  }
}
tf.serialization.registerClass(DropConnect);
