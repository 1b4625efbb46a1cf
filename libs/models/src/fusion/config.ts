import { ModelError } from '../common';

/**
 * Cross-attention fusion of patient tokens (age, sex) with ECG tokens. The paper's figures show a
 * cross-attention module fed by age and gender embeddings; the values below are this
 * workspace's documented choices.
 */
export interface CrossAttentionFusionConfig {
  /** Token width d of every token and of the fused vector. */
  d: number;
  /** Attention heads; d must be divisible by it (per-head width d / heads). */
  heads: number;
  /** 'bins': age-bin embedding (7 bins + unknown, encodeAge); 'scalar': learned affine map of (age-60)/20 with an unknown token (encodeAgeScalar). */
  ageEncoding: 'bins' | 'scalar';
  /** Which tokens ask: 'ecg' (default, each ECG time step queries the 2 patient tokens) or 'patient' (age and sex query the ECG time steps). */
  queryFrom: 'ecg' | 'patient';
  /** How the query tokens (after residual + layer norm) become one vector. */
  pooling: 'mean' | 'max';
  /** Layer-norm epsilon (Keras default 1e-3). */
  layerNormEpsilon: number;
  /** Seed of every initialiser; null draws from tfjs' global random state. */
  seed: number | null;
  /** Prefix of layer and input names (unique per model). */
  name: string;
}

export const DEFAULT_CROSS_ATTENTION_FUSION_CONFIG: Readonly<CrossAttentionFusionConfig> = Object.freeze({
  d: 128,
  heads: 4,
  ageEncoding: 'bins',
  queryFrom: 'ecg',
  pooling: 'mean',
  layerNormEpsilon: 1e-3,
  seed: 0,
  name: 'fusion',
});

export function resolveCrossAttentionFusionConfig(partial: Partial<CrossAttentionFusionConfig> = {}): CrossAttentionFusionConfig {
  const c = { ...DEFAULT_CROSS_ATTENTION_FUSION_CONFIG, ...partial };
  const where = (key: string) => `CrossAttentionFusionConfig.${key}`;
  if (!Number.isInteger(c.d) || c.d <= 0) throw new ModelError('BAD_CONFIG', where('d'), `must be a positive integer, got ${c.d}`);
  if (!Number.isInteger(c.heads) || c.heads <= 0 || c.d % c.heads !== 0) {
    throw new ModelError('BAD_CONFIG', where('heads'), `must be a positive integer dividing d = ${c.d}, got ${c.heads}`);
  }
  if (c.ageEncoding !== 'bins' && c.ageEncoding !== 'scalar') throw new ModelError('BAD_CONFIG', where('ageEncoding'), `must be 'bins' or 'scalar', got ${c.ageEncoding}`);
  if (c.queryFrom !== 'ecg' && c.queryFrom !== 'patient') throw new ModelError('BAD_CONFIG', where('queryFrom'), `must be 'ecg' or 'patient', got ${c.queryFrom}`);
  if (c.pooling !== 'mean' && c.pooling !== 'max') throw new ModelError('BAD_CONFIG', where('pooling'), `must be 'mean' or 'max', got ${c.pooling}`);
  if (!(c.layerNormEpsilon > 0)) throw new ModelError('BAD_CONFIG', where('layerNormEpsilon'), `must be > 0, got ${c.layerNormEpsilon}`);
  if (c.seed !== null && !Number.isInteger(c.seed)) throw new ModelError('BAD_CONFIG', where('seed'), `must be an integer or null, got ${c.seed}`);
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(c.name)) throw new ModelError('BAD_CONFIG', where('name'), `must start with a letter and hold only letters, digits and _, got '${c.name}'`);
  return c;
}
