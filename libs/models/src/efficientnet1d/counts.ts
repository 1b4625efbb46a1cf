import type { MacCount, ParameterCount } from '../common/count';
import type { EfficientNet1DConfig } from './config';
import { planEfficientNet1D } from './plan';

/**
 * Parameter and MAC counts computed from the plan alone, without building tfjs layers: cheap
 * for sweeps over widths, lengths and kernel scales. They follow the same conventions as
 * common/count.ts (countParameters / countMacs on a built model), and the specs check that
 * both agree for b0 and lite.
 */

/** Batch norm: gamma + beta trained, moving mean + variance not. */
const bn = (channels: number) => ({ trainable: 2 * channels, nonTrainable: 2 * channels });

export function countEfficientNet1DParameters(config: Partial<EfficientNet1DConfig> = {}): ParameterCount {
  const plan = planEfficientNet1D(config);
  const c = plan.config;
  let trainable = 0;
  let nonTrainable = 0;
  const addBn = (channels: number) => {
    const b = bn(channels);
    trainable += b.trainable;
    nonTrainable += b.nonTrainable;
  };

  trainable += plan.stem.kernelSize * c.leads * plan.stem.filters; // stem conv, no bias
  addBn(plan.stem.filters);
  for (const b of plan.blocks) {
    const e = b.expandedFilters;
    if (b.expandRatio !== 1) {
      trainable += b.filtersIn * e;
      addBn(e);
    }
    trainable += b.kernelSize * e; // depthwise, no bias
    addBn(e);
    if (b.seFilters > 0) trainable += e * b.seFilters + b.seFilters + b.seFilters * e + e; // two dense with bias
    trainable += e * b.filtersOut;
    addBn(b.filtersOut);
  }
  const last = plan.blocks[plan.blocks.length - 1].filtersOut;
  trainable += last * plan.head.filters;
  addBn(plan.head.filters);
  if (c.includeTop) trainable += plan.head.filters * c.classes + c.classes;
  return { trainable, nonTrainable, total: trainable + nonTrainable };
}

/** MACs of one sample (see MacCount for what is counted); `inputLength` overrides the config's. */
export function countEfficientNet1DMacs(config: Partial<EfficientNet1DConfig> = {}, inputLength?: number): MacCount {
  const plan = planEfficientNet1D(inputLength === undefined ? config : { ...config, inputLength });
  const c = plan.config;
  let conv = plan.stem.lengthOut * plan.stem.kernelSize * c.leads * plan.stem.filters;
  let depthwise = 0;
  let dense = 0;
  for (const b of plan.blocks) {
    const e = b.expandedFilters;
    if (b.expandRatio !== 1) conv += b.lengthIn * b.filtersIn * e; // expand runs before the stride
    depthwise += b.lengthOut * b.kernelSize * e;
    if (b.seFilters > 0) dense += 2 * e * b.seFilters;
    conv += b.lengthOut * e * b.filtersOut;
  }
  const last = plan.blocks[plan.blocks.length - 1].filtersOut;
  conv += plan.head.length * last * plan.head.filters;
  if (c.includeTop) dense += plan.head.filters * c.classes;
  return { conv, depthwise, dense, total: conv + depthwise + dense, uncounted: [] };
}
