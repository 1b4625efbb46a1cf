import * as tf from '@tensorflow/tfjs';
import { type LstmAutoencoderConfig, resolveLstmAutoencoderConfig } from './config';
import { SeededOrthogonal } from './orthogonal-initializer';
import { tfjsSeed } from '../common/tfjs-seed';

export interface LstmAutoencoder {
  /** [values, mask] ([B, seqLen, nFeatures] each) -> reconstruction [B, seqLen, nFeatures]. */
  autoencoder: tf.LayersModel;
  /** [values, mask] -> code [B, codeSize]; shares its layers (and weights) with `autoencoder`. */
  encoder: tf.LayersModel;
  config: LstmAutoencoderConfig;
}

/**
 * Sequence-to-sequence LSTM autoencoder.
 *
 *   values, mask -> values*mask (missing entries are 0) [-> concat mask]
 *   -> LSTM(hidden) -> Dense(codeSize) = code
 *   -> RepeatVector(seqLen) -> LSTM(hidden, returnSequences) -> TimeDistributed(Dense(nFeatures))
 *
 * Standard tfjs layers; the recurrent kernels use SeededOrthogonal (a registered initialiser), so
 * loading a saved model needs this module imported (importing @efficientecg/models does it).
 * Determinism: each weight gets its own seeded initialiser (seed, seed+1, ...), see config.seed.
 */
export function createLstmAutoencoder(partial: Partial<LstmAutoencoderConfig> = {}): LstmAutoencoder {
  const config = resolveLstmAutoencoderConfig(partial);
  const { seqLen, nFeatures, hidden, codeSize, name } = config;
  const init = seededInitializers(config);

  const values = tf.input({ shape: [seqLen, nFeatures], name: `${name}_values` });
  const mask = tf.input({ shape: [seqLen, nFeatures], name: `${name}_mask` });
  const masked = tf.layers.multiply({ name: `${name}_masked_values` }).apply([values, mask]) as tf.SymbolicTensor;
  const encoderInput = config.maskAsInput
    ? (tf.layers.concatenate({ axis: -1, name: `${name}_values_and_mask` }).apply([masked, mask]) as tf.SymbolicTensor)
    : masked;

  const encoded = tf.layers
    .lstm({ units: hidden, unitForgetBias: true, kernelInitializer: init.kernel(), recurrentInitializer: init.recurrent(), name: `${name}_encoder_lstm` })
    .apply(encoderInput) as tf.SymbolicTensor;
  const code = tf.layers
    .dense({ units: codeSize, activation: config.codeActivation, kernelInitializer: init.kernel(), name: `${name}_code` })
    .apply(encoded) as tf.SymbolicTensor;

  const repeated = tf.layers.repeatVector({ n: seqLen, name: `${name}_repeat` }).apply(code) as tf.SymbolicTensor;
  const decoded = tf.layers
    .lstm({ units: hidden, returnSequences: true, unitForgetBias: true, kernelInitializer: init.kernel(), recurrentInitializer: init.recurrent(), name: `${name}_decoder_lstm` })
    .apply(repeated) as tf.SymbolicTensor;
  const reconstruction = tf.layers
    .timeDistributed({ layer: tf.layers.dense({ units: nFeatures, kernelInitializer: init.kernel(), name: `${name}_output_dense` }), name: `${name}_reconstruction` })
    .apply(decoded) as tf.SymbolicTensor;

  const autoencoder = tf.model({ inputs: [values, mask], outputs: reconstruction, name: `${name}_autoencoder` });
  const encoder = tf.model({ inputs: [values, mask], outputs: code, name: `${name}_encoder` });
  return { autoencoder, encoder, config };
}

/**
 * Freeze (frozen=true) or unfreeze the encoder's layers. The layers are shared, so this also
 * applies inside the autoencoder and inside any classifier the encoder was applied in.
 * pretrainLstmAutoencoder reads trainable weights at every step; a model compiled for
 * model.fit captures them at compile time, so compile (again) after calling this.
 */
export function freezeEncoder(encoder: tf.LayersModel, frozen: boolean): void {
  for (const layer of encoder.layers) layer.trainable = !frozen;
}

function seededInitializers(config: LstmAutoencoderConfig) {
  let next = config.seed;
  const seed = (): number | undefined => (next === null ? undefined : next++);
  return {
    kernel: () => tf.initializers.glorotUniform({ seed: tfjsSeed(seed()) }),
    recurrent: () =>
      config.recurrentInitializer === 'orthogonal'
        ? new SeededOrthogonal({ gain: 1, seed: seed() })
        : tf.initializers.glorotUniform({ seed: tfjsSeed(seed()) }),
  };
}
