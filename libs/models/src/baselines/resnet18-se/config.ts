import type { BaselineClassifierActivation } from '../shared/head';

/**
 * 1-D ResNet-18 (He et al. 2016) with squeeze-and-excitation in every basic block
 * (Hu et al. 2018, SE-ResNet module).
 */
export interface SeResNet18Config {
  inputLength: number;
  leads: number;

  /** Stem conv: He et al.'s 7 (x7) kernel, stride 2, 64 filters, then max-pool 3 / stride 2. */
  stemFilters: number;
  stemKernel: number;
  stemStrides: number;
  /** false removes the stem max-pool (short beat windows keep more time resolution). */
  stemPool: boolean;
  /** Basic blocks per stage ([2, 2, 2, 2] = ResNet-18) and stage widths (64, 128, 256, 512). */
  stageBlocks: readonly number[];
  stageFilters: readonly number[];
  /** Kernel of the 3x3 convs of a basic block, in samples (3 as the original; larger suits 250-500 Hz). */
  blockKernel: number;
  /** SE reduction ratio r (16): bottleneck width max(1, floor(C / r)); 0 turns SE off. */
  seRatio: number;
  /** Dropout before the dense head (0 = none, as the original). */
  dropoutRate: number;
  batchNormMomentum: number;
  batchNormEpsilon: number;

  classes: number;
  classifierActivation: BaselineClassifierActivation;
  seed: number | undefined;
  name: string;
}
