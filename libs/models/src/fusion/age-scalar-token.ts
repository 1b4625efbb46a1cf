import * as tf from '@tensorflow/tfjs';
import { ModelError } from '../common';
import { tfjsSeed } from '../common/tfjs-seed';

export interface AgeScalarTokenArgs {
  /** Token width. */
  units: number;
  seed?: number;
  name?: string;
}

/**
 * Age token for the 'scalar' age encoding: input [B, 2] = (normalised age, known flag) from
 * encodeAgeScalar; output [B, 1, units] = age * w + b when known, else a learned "unknown" token.
 * tf.where (not a multiply by the flag) so a NaN in the age slot of an unknown row cannot leak.
 */
export class AgeScalarToken extends tf.layers.Layer {
  static readonly className = 'AgeScalarToken';
  readonly units: number;
  readonly seed: number | undefined;
  private scale!: tf.LayerVariable;
  private shift!: tf.LayerVariable;
  private unknown!: tf.LayerVariable;

  constructor(args: AgeScalarTokenArgs) {
    super({ name: args.name });
    if (!Number.isInteger(args.units) || args.units <= 0) throw new ModelError('BAD_CONFIG', 'AgeScalarToken.units', `must be a positive integer, got ${args.units}`);
    this.units = args.units;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    if (shape.length !== 2 || shape[1] !== 2) {
      throw new ModelError('BAD_CONFIG', `AgeScalarToken(${this.name})`, `input must be [batch, 2] (normalised age, known flag), got [${shape}]`);
    }
    const init = (i: number) => tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: tfjsSeed(this.seed === undefined ? undefined : this.seed + i) });
    this.scale = this.addWeight('scale', [this.units], 'float32', init(0));
    this.shift = this.addWeight('shift', [this.units], 'float32', init(1));
    this.unknown = this.addWeight('unknown', [this.units], 'float32', init(2));
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return [(inputShape as tf.Shape)[0], 1, this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const [age, known] = tf.split(x, 2, 1); // [B, 1] each
      const present = tf.greater(known, 0.5);
      const safeAge = tf.where(present, age, tf.zerosLike(age));
      const token = tf.add(tf.mul(safeAge, this.scale.read()), this.shift.read()); // [B, units]
      const unknown = tf.mul(tf.onesLike(token), this.unknown.read());
      return tf.expandDims(tf.where(tf.tile(present, [1, this.units]), token, unknown), 1);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, seed: this.seed ?? null };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(cls: tf.serialization.SerializableConstructor<T>, config: tf.serialization.ConfigDict): T {
    return new cls({ ...config, seed: config['seed'] ?? undefined });
  }
}
tf.serialization.registerClass(AgeScalarToken);
