import type { BaselineClassifierActivation } from '../shared/head';

/**
 * 1-D residual network of Hannun et al. 2019 ("Cardiologist-level arrhythmia detection and
 * classification in ambulatory electrocardiograms using a deep neural network", Nature
 * Medicine 25:65-69), as released in github.com/awni/ecg (network.py + config.json).
 */
export interface HannunResNet34Config {
  /** Samples per lead (fixed). The original: 200 Hz single-lead Zio patch, 30 s windows. */
  inputLength: number;
  leads: number;

  /** Residual blocks (16): with the first conv and 2 convs per block, 33 conv layers + dense = 34 layers. */
  blocks: number;
  /** Conv kernel length in samples (16). */
  filterLength: number;
  /** Filters of the first conv and blocks 0-3 (32); block i has startFilters * 2^floor(i / increaseFiltersEvery). */
  startFilters: number;
  increaseFiltersEvery: number;
  /** Blocks i with i % subsampleEvery == subsampleEvery - 1 halve the length (odd blocks with 2). */
  subsampleEvery: number;
  /** Dropout between the two convs of a block (0.2). */
  dropoutRate: number;
  batchNormMomentum: number;
  batchNormEpsilon: number;

  classes: number;
  classifierActivation: BaselineClassifierActivation;
  /**
   * false (default): global average pooling + dense -> [B, classes] (record/beat label).
   * true: the original per-window output, dense on every remaining time step ->
   * [B, inputLength / 2^(blocks / subsampleEvery), classes] (one label per 256 samples by default).
   */
  sequenceOutput: boolean;

  /** Initialiser seed (per-layer seeds seed, seed+1, ...); undefined = random. */
  seed: number | undefined;
  name: string;
}
