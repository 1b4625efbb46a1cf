import { ModelError } from '../common';

/**
 * LSTM autoencoder over a per-beat feature sequence (libs/signal beatFeatureSequence: rows are
 * beats, columns RR prev, RR next, local mean RR, R amplitude, P present, P amplitude,
 * P duration, PR interval). The paper gives only "LSTM AutoEncoder"; every value below is this
 * workspace's documented choice.
 */
export interface LstmAutoencoderConfig {
  /** Beats per sequence (rows). */
  seqLen: number;
  /** Features per beat (columns). */
  nFeatures: number;
  /** Units of the encoder and decoder LSTMs. */
  hidden: number;
  /** Bottleneck width: the feature vector handed to the classifier. */
  codeSize: number;
  /** Activation of the bottleneck dense layer. */
  codeActivation: 'linear' | 'tanh';
  /**
   * true: the encoder reads [values * mask, mask] (2 * nFeatures columns) so it can tell a
   * missing value from a measured 0; false: it reads values * mask only.
   */
  maskAsInput: boolean;
  /** LSTM recurrent kernel initialiser (Keras' default is orthogonal; here SeededOrthogonal, a fast JS version). */
  recurrentInitializer: 'orthogonal' | 'glorotUniform';
  /**
   * Seed of every initialiser (seed, seed+1, ... per weight) so equal configs build equal
   * weights; null draws from tfjs' global random state.
   */
  seed: number | null;
  /**
   * Prefix of every layer and input name, so two autoencoders (R-peak and P-wave features) can
   * live in one model and their weights stay distinguishable in a saved model.json.
   */
  name: string;
}

export const DEFAULT_LSTM_AUTOENCODER_CONFIG: Readonly<LstmAutoencoderConfig> = Object.freeze({
  seqLen: 32,
  nFeatures: 8,
  hidden: 64,
  codeSize: 32,
  codeActivation: 'linear',
  maskAsInput: true,
  recurrentInitializer: 'orthogonal',
  seed: 0,
  name: 'lstm_ae',
});

export function resolveLstmAutoencoderConfig(partial: Partial<LstmAutoencoderConfig> = {}): LstmAutoencoderConfig {
  const c = { ...DEFAULT_LSTM_AUTOENCODER_CONFIG, ...partial };
  for (const key of ['seqLen', 'nFeatures', 'hidden', 'codeSize'] as const) {
    if (!Number.isInteger(c[key]) || c[key] <= 0) {
      throw new ModelError('BAD_CONFIG', `LstmAutoencoderConfig.${key}`, `must be a positive integer, got ${c[key]}`);
    }
  }
  if (c.codeActivation !== 'linear' && c.codeActivation !== 'tanh') {
    throw new ModelError('BAD_CONFIG', 'LstmAutoencoderConfig.codeActivation', `must be 'linear' or 'tanh', got ${c.codeActivation}`);
  }
  if (c.recurrentInitializer !== 'orthogonal' && c.recurrentInitializer !== 'glorotUniform') {
    throw new ModelError('BAD_CONFIG', 'LstmAutoencoderConfig.recurrentInitializer', `must be 'orthogonal' or 'glorotUniform', got ${c.recurrentInitializer}`);
  }
  if (c.seed !== null && !Number.isInteger(c.seed)) {
    throw new ModelError('BAD_CONFIG', 'LstmAutoencoderConfig.seed', `must be an integer or null, got ${c.seed}`);
  }
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(c.name)) {
    throw new ModelError('BAD_CONFIG', 'LstmAutoencoderConfig.name', `must start with a letter and hold only letters, digits and _, got '${c.name}'`);
  }
  return c;
}
