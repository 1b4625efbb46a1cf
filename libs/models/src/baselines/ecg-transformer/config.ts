import type { BaselineClassifierActivation } from '../shared/head';

/**
 * A small ECG transformer encoder: conv patch tokeniser + learned positions + post-norm
 * encoder layers (Vaswani et al. 2017) + average pooling + dense head, a reduced form of the
 * transformer branch of Natarajan et al. 2020 (CinC 2020, "A wide and deep transformer neural
 * network for 12-lead ECG classification").
 */
export interface EcgTransformerConfig {
  inputLength: number;
  leads: number;

  /** Samples per token: the tokeniser is a conv1d with kernel = stride = patchSize ('same'). */
  patchSize: number;
  /** Token width d (64). */
  modelDim: number;
  /** Encoder layers N (2). */
  numLayers: number;
  /** Attention heads h (4); modelDim must be divisible by it. */
  numHeads: number;
  /** Hidden width of the position-wise MLP (128 = 2d; Vaswani used 4d). */
  mlpDim: number;
  mlpActivation: 'relu' | 'gelu';
  /** Dropout on the embeddings, each sublayer output (before the residual add) and before the head. */
  dropoutRate: number;
  layerNormEpsilon: number;

  classes: number;
  classifierActivation: BaselineClassifierActivation;
  seed: number | undefined;
  name: string;
}
