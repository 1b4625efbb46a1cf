import { ModelError } from '../common/errors';
import type { EfficientNet1DConfig } from './config';
import { DEFAULT_EFFICIENTNET1D_CONFIG } from './defaults';
import { roundFilters, roundRepeats, sameOutputLength, scaleKernel } from './scaling';

/** One MBConv block after width/depth/kernel scaling: everything the builder and the counts need. */
export interface ResolvedBlock {
  /** Keras-style prefix, e.g. 'block2b' (stage 2, second repeat). */
  readonly name: string;
  /** 0-based position among all blocks (drives the drop-connect rate). */
  readonly index: number;
  readonly kernelSize: number;
  readonly strides: number;
  readonly filtersIn: number;
  readonly filtersOut: number;
  readonly expandRatio: number;
  /** filtersIn * expandRatio: width of the depthwise stage. */
  readonly expandedFilters: number;
  /** Squeeze-excitation bottleneck width, 0 when SE is off. */
  readonly seFilters: number;
  /** Identity shortcut (stride 1 and filtersIn == filtersOut). */
  readonly residual: boolean;
  /** Drop-connect rate of the residual branch (0 when there is no shortcut). */
  readonly dropRate: number;
  readonly lengthIn: number;
  readonly lengthOut: number;
}

export interface EfficientNet1DPlan {
  readonly config: Readonly<EfficientNet1DConfig>;
  readonly stem: { readonly filters: number; readonly kernelSize: number; readonly strides: number; readonly lengthOut: number };
  readonly blocks: readonly ResolvedBlock[];
  readonly head: { readonly filters: number; readonly length: number };
}

const where = (field: string) => `EfficientNet1DConfig.${field}`;

function positiveInteger(value: unknown, field: string): void {
  if (!(Number.isInteger(value) && (value as number) > 0)) {
    throw new ModelError('BAD_CONFIG', where(field), `${String(value)} must be a positive integer`);
  }
}

function oddKernel(value: unknown, field: string): void {
  positiveInteger(value, field);
  if ((value as number) % 2 === 0) {
    throw new ModelError('BAD_CONFIG', where(field), `kernel ${String(value)} must be odd so 'same' padding stays centred`);
  }
}

function rate(value: unknown, field: string): void {
  if (!(typeof value === 'number' && value >= 0 && value < 1)) {
    throw new ModelError('BAD_CONFIG', where(field), `${String(value)} must be in [0, 1)`);
  }
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): void {
  if (!allowed.includes(value as T)) {
    throw new ModelError('BAD_CONFIG', where(field), `${String(value)} must be one of ${allowed.join(', ')}`);
  }
}

/** Defaults merged with the caller's settings, checked; throws ModelError('BAD_CONFIG') naming the setting. */
export function resolveEfficientNet1DConfig(config: Partial<EfficientNet1DConfig> = {}): Readonly<EfficientNet1DConfig> {
  const defined = Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
  const c: EfficientNet1DConfig = { ...DEFAULT_EFFICIENTNET1D_CONFIG, ...defined };
  positiveInteger(c.inputLength, 'inputLength');
  positiveInteger(c.leads, 'leads');
  for (const field of ['widthCoefficient', 'depthCoefficient', 'kernelScale'] as const) {
    if (!(Number.isFinite(c[field]) && c[field] > 0)) {
      throw new ModelError('BAD_CONFIG', where(field), `${c[field]} must be a positive number`);
    }
  }
  positiveInteger(c.depthDivisor, 'depthDivisor');
  positiveInteger(c.stemFilters, 'stemFilters');
  oddKernel(c.stemKernel, 'stemKernel');
  positiveInteger(c.stemStrides, 'stemStrides');
  positiveInteger(c.headFilters, 'headFilters');
  rate(c.dropConnectRate, 'dropConnectRate');
  rate(c.dropoutRate, 'dropoutRate');
  oneOf(c.activation, ['swish', 'relu', 'relu6'], 'activation');
  oneOf(c.classifierActivation, ['softmax', 'sigmoid', 'linear'], 'classifierActivation');
  oneOf(c.pooling, ['avg', 'max', 'none'], 'pooling');
  if (c.includeTop) positiveInteger(c.classes, 'classes');
  if (!(c.batchNormMomentum > 0 && c.batchNormMomentum < 1 && c.batchNormEpsilon > 0)) {
    throw new ModelError('BAD_CONFIG', where('batchNorm*'), 'momentum must be in (0, 1) and epsilon > 0');
  }
  if (c.seed !== undefined && !Number.isInteger(c.seed)) {
    throw new ModelError('BAD_CONFIG', where('seed'), `${c.seed} must be an integer or undefined`);
  }
  if (!Array.isArray(c.blocks) || c.blocks.length === 0) {
    throw new ModelError('BAD_CONFIG', where('blocks'), 'the stage table needs at least one stage');
  }
  c.blocks.forEach((b, i) => {
    const f = `blocks[${i}]`;
    positiveInteger(b.repeats, `${f}.repeats`);
    oddKernel(b.kernelSize, `${f}.kernelSize`);
    positiveInteger(b.strides, `${f}.strides`);
    positiveInteger(b.inputFilters, `${f}.inputFilters`);
    positiveInteger(b.outputFilters, `${f}.outputFilters`);
    positiveInteger(b.expandRatio, `${f}.expandRatio`);
    if (!(b.seRatio >= 0 && b.seRatio <= 1)) {
      throw new ModelError('BAD_CONFIG', where(`${f}.seRatio`), `${b.seRatio} must be in [0, 1]`);
    }
  });
  return Object.freeze(c);
}

/**
 * Expands the stage table into the list of blocks the model has, following Keras' EfficientNet
 * loop: filters rounded by width, repeats by depth, later repeats of a stage use stride 1 and
 * take the stage's output width as input, block b of n gets drop-connect rate * b / n.
 */
export function planEfficientNet1D(config: Partial<EfficientNet1DConfig> = {}): EfficientNet1DPlan {
  const c = resolveEfficientNet1DConfig(config);
  const width = (f: number) => roundFilters(f, c.widthCoefficient, c.depthDivisor);
  const stemFilters = c.fixStemAndHead ? c.stemFilters : width(c.stemFilters);
  const headFilters = c.fixStemAndHead ? c.headFilters : width(c.headFilters);

  const total = c.blocks.reduce((n, s) => n + roundRepeats(s.repeats, c.depthCoefficient), 0);
  let length = sameOutputLength(c.inputLength, c.stemStrides);
  const stem = { filters: stemFilters, kernelSize: c.stemKernel, strides: c.stemStrides, lengthOut: length };

  const blocks: ResolvedBlock[] = [];
  let channels = stemFilters;
  c.blocks.forEach((s, stage) => {
    const repeats = roundRepeats(s.repeats, c.depthCoefficient);
    const stageOut = width(s.outputFilters);
    for (let j = 0; j < repeats; j++) {
      // the table's inputFilters is informational: the real input is what the previous block emits
      // (Keras rounds it separately, which agrees for every standard table)
      const filtersIn = channels;
      const strides = j === 0 ? s.strides : 1;
      const lengthOut = sameOutputLength(length, strides);
      const residual = strides === 1 && filtersIn === stageOut;
      const index = blocks.length;
      blocks.push({
        name: `block${stage + 1}${blockLetter(j)}`,
        index,
        kernelSize: scaleKernel(s.kernelSize, c.kernelScale),
        strides,
        filtersIn,
        filtersOut: stageOut,
        expandRatio: s.expandRatio,
        expandedFilters: filtersIn * s.expandRatio,
        seFilters: c.se && s.seRatio > 0 ? Math.max(1, Math.floor(filtersIn * s.seRatio)) : 0,
        residual,
        dropRate: residual ? (c.dropConnectRate * index) / total : 0,
        lengthIn: length,
        lengthOut,
      });
      channels = stageOut;
      length = lengthOut;
    }
  });
  return Object.freeze({ config: c, stem, blocks: Object.freeze(blocks), head: { filters: headFilters, length } });
}

/** a, b, ..., z, then aa, ab, ... for very deep scalings (Keras would run into non-letters). */
function blockLetter(j: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return j < 26 ? letters[j] : letters[Math.floor(j / 26) - 1] + letters[j % 26];
}
