/**
 * One stage of the EfficientNet stage table: `repeats` MBConv blocks, the first with `strides`
 * and `inputFilters -> outputFilters`, the others with stride 1 and `outputFilters` in and out.
 * Filters and repeats are the B0 values before width/depth scaling.
 */
export interface BlockSpec {
  readonly repeats: number;
  readonly kernelSize: number;
  readonly strides: number;
  readonly inputFilters: number;
  readonly outputFilters: number;
  readonly expandRatio: number;
  /** Squeeze-excitation width as a fraction of the block's input channels (0 = no SE). */
  readonly seRatio: number;
}

export type ClassifierActivation = 'softmax' | 'sigmoid' | 'linear';
export type FeaturePooling = 'avg' | 'max' | 'none';
export type BlockActivation = 'swish' | 'relu' | 'relu6';

export interface EfficientNet1DConfig {
  /** Samples per lead of the input window (static: the counts and reshapes need it). */
  inputLength: number;
  /** Number of ECG leads = input channels. */
  leads: number;

  /** Stage table (B0 by default). */
  blocks: readonly BlockSpec[];
  /** Channel multiplier, applied with `roundFilters` (multiples of depthDivisor, 10 % rule). */
  widthCoefficient: number;
  /** Repeat multiplier, applied with `roundRepeats` (ceil). */
  depthCoefficient: number;
  depthDivisor: number;
  /**
   * Multiplies every block kernel and rounds up to the next odd integer (`scaleKernel`): ECG
   * sampled at 250-500 Hz covers a QRS with far more samples than an image edge has pixels.
   * The stem kernel is NOT scaled: it is set directly by `stemKernel`.
   */
  kernelScale: number;

  stemFilters: number;
  /** Stem kernel in samples (odd). ECG default 7; 7-15 suits 250-500 Hz. */
  stemKernel: number;
  stemStrides: number;
  /** 1x1 head conv width before pooling (1280 in B0). */
  headFilters: number;
  /** Keep stem and head widths unscaled by widthCoefficient (TF's EfficientNet-lite rule). */
  fixStemAndHead: boolean;

  /** Squeeze-and-excitation on/off (ablation switch); the seRatio values of the table apply when on. */
  se: boolean;
  activation: BlockActivation;
  /** Stochastic-depth rate of the last block; block b of n gets rate * b / n (Keras). */
  dropConnectRate: number;
  /** Dropout before the classification head (includeTop only). */
  dropoutRate: number;
  batchNormMomentum: number;
  batchNormEpsilon: number;

  /** true: pooled features -> dropout -> dense `classes`; false: the backbone's features. */
  includeTop: boolean;
  classes: number;
  /** softmax for single-label sets, sigmoid for multi-label sets, linear for logits. */
  classifierActivation: ClassifierActivation;
  /** Without the top: 'avg' -> [B, C] feature vector, 'max' -> [B, C], 'none' -> [B, T', C] map. */
  pooling: FeaturePooling;

  /** Seed for the weight initialisers (per-layer seeds seed, seed+1, ...); undefined = random. */
  seed: number | undefined;
  /** tf.LayersModel name. */
  name: string;
}
