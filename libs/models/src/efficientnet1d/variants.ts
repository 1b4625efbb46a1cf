import type * as tf from '@tensorflow/tfjs';
import type { EfficientNet1DConfig } from './config';
import { createEfficientNet1D } from './model';

/**
 * Named scalings. b0-b3 are Keras' (width, depth, dropout); the image resolutions of the
 * originals have no 1-D meaning here (the window length is the caller's choice).
 * lite = half width and half depth of b0 (10 blocks, stem 16, head 640): the "lightweight"
 * setting for EfficientECG-scale experiments on CPU/wasm.
 */
export const EFFICIENTNET1D_VARIANTS = Object.freeze({
  b0: Object.freeze({ widthCoefficient: 1.0, depthCoefficient: 1.0, dropoutRate: 0.2, name: 'efficientnet1d-b0' }),
  b1: Object.freeze({ widthCoefficient: 1.0, depthCoefficient: 1.1, dropoutRate: 0.2, name: 'efficientnet1d-b1' }),
  b2: Object.freeze({ widthCoefficient: 1.1, depthCoefficient: 1.2, dropoutRate: 0.3, name: 'efficientnet1d-b2' }),
  b3: Object.freeze({ widthCoefficient: 1.2, depthCoefficient: 1.4, dropoutRate: 0.3, name: 'efficientnet1d-b3' }),
  lite: Object.freeze({ widthCoefficient: 0.5, depthCoefficient: 0.5, dropoutRate: 0.2, name: 'efficientnet1d-lite' }),
} satisfies Record<string, Partial<EfficientNet1DConfig>>);

export type EfficientNet1DVariant = keyof typeof EFFICIENTNET1D_VARIANTS;

/** The variant's settings under the caller's (caller wins), as a config for create/count/plan. */
export function efficientNet1DVariantConfig(
  variant: EfficientNet1DVariant,
  overrides: Partial<EfficientNet1DConfig> = {},
): Partial<EfficientNet1DConfig> {
  return { ...EFFICIENTNET1D_VARIANTS[variant], ...overrides };
}

export const efficientNet1DB0 = (o: Partial<EfficientNet1DConfig> = {}): tf.LayersModel =>
  createEfficientNet1D(efficientNet1DVariantConfig('b0', o));
export const efficientNet1DLite = (o: Partial<EfficientNet1DConfig> = {}): tf.LayersModel =>
  createEfficientNet1D(efficientNet1DVariantConfig('lite', o));
