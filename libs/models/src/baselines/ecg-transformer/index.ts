export type { EcgTransformerConfig } from './config';
export { DEFAULT_ECG_TRANSFORMER_CONFIG } from './defaults';
export { TransformerSelfAttention, type TransformerSelfAttentionArgs } from './self-attention';
export { TransformerPositionEmbedding, type TransformerPositionEmbeddingArgs } from './position-embedding';
export { createEcgTransformer, resolveEcgTransformerConfig, ecgTransformerTokens } from './model';
