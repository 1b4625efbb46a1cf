import type { EfficientNet1DConfig } from '../efficientnet1d/config';
import type { EfficientNet1DVariant } from '../efficientnet1d/variants';
import type { CrossAttentionFusionConfig } from '../fusion/config';
import type { LstmAutoencoderConfig } from '../lstm-ae/config';

/**
 * EfficientECG (Deng et al., arXiv 2512.03804): an EfficientNet-1D signal branch, an
 * LSTM-autoencoder code of the per-beat R-peak/P-wave features, and cross-attention
 * fusion of age and sex with the ECG feature map; the parts are concatenated and
 * classified. The three ablation switches are `se`, `lstmAE` and `fusion`.
 */
export interface EfficientECGConfig {
  /** Samples per input window and number of leads. */
  inputLength: number;
  leads: number;
  classes: number;
  /** 'single-label': softmax (MIT-BIH beats, CinC 2017); 'multi-label': sigmoid (12/8-lead diagnoses). */
  task: 'single-label' | 'multi-label';
  /** EfficientNet-1D scaling of the signal branch. */
  variant: EfficientNet1DVariant;
  /** Further backbone settings (kernelScale, stemKernel, dropConnectRate, ...). */
  backbone: Partial<EfficientNet1DConfig>;
  /** Ablation: squeeze-and-excitation in every MBConv block. */
  se: boolean;
  /** Ablation: the LSTM-AE code of the beat-feature sequence. */
  lstmAE: boolean;
  /** Ablation: age/sex cross-attention fusion (needs age and sex inputs). */
  fusion: boolean;
  /** LSTM-AE settings; seqLen is the beat context length, nFeatures the 8 per-beat features. */
  lstmAEConfig: Partial<LstmAutoencoderConfig>;
  /** Train the pretrained LSTM-AE encoder with the classifier (true) or keep it frozen (false). */
  lstmAEFineTune: boolean;
  fusionConfig: Partial<CrossAttentionFusionConfig>;
  /**
   * Extension (not in the paper): width of a direct "rr_features" input of per-beat RR-interval
   * ratios (libs/signal rrIntervalFeatures), passed through a small dense layer into the
   * concatenation; 0: no such input. Beat classifiers only: record windows have no single beat.
   */
  rrFeatures: number;
  /** Units of the dense layer on the RR features. */
  rrUnits: number;
  /** Dropout on the concatenated features before the classifier. */
  dropout: number;
  /** Seed of every initialiser (reproducible builds). */
  seed: number;
  name: string;
}
