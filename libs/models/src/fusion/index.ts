// Cross-attention fusion of patient tokens (age, sex) with ECG tokens.
export { DEFAULT_CROSS_ATTENTION_FUSION_CONFIG, resolveCrossAttentionFusionConfig, type CrossAttentionFusionConfig } from './config';
export { MultiHeadAttention, type MultiHeadAttentionArgs } from './multi-head-attention';
export { AgeScalarToken, type AgeScalarTokenArgs } from './age-scalar-token';
export { CategoricalEmbedding, type CategoricalEmbeddingArgs } from './categorical-embedding';
export { createCrossAttentionFusion, buildFusionModel, attentionWeightsOf, type CrossAttentionFusion, type FusionInputs } from './cross-attention-fusion';
export {
  encodeAge,
  encodeAgeScalar,
  encodeSex,
  AGE_BIN_EDGES,
  AGE_BIN_LABELS,
  AGE_BIN_COUNT,
  AGE_UNKNOWN_BIN,
  SEX_LABELS,
  SEX_COUNT,
  SEX_UNKNOWN,
  type AgeStatus,
  type AgeEncodingOptions,
  type AgeScalarOptions,
} from './patient-encoding';
