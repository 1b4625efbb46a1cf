import { describe, expect, it } from 'vitest';
import { isModelError } from '../common/errors';
import { planEfficientNet1D, resolveEfficientNet1DConfig } from './plan';
import { efficientNet1DVariantConfig } from './variants';

describe('planEfficientNet1D', () => {
  const b0 = planEfficientNet1D(efficientNet1DVariantConfig('b0', { inputLength: 256, leads: 2 }));

  it('expands B0 into Keras 16 blocks with Keras names', () => {
    expect(b0.blocks.map((b) => b.name)).toEqual([
      'block1a', 'block2a', 'block2b', 'block3a', 'block3b', 'block4a', 'block4b', 'block4c',
      'block5a', 'block5b', 'block5c', 'block6a', 'block6b', 'block6c', 'block6d', 'block7a',
    ]);
    expect(b0.stem).toEqual({ filters: 32, kernelSize: 7, strides: 2, lengthOut: 128 });
    expect(b0.head).toEqual({ filters: 1280, length: 8 }); // 256 / 2^5
  });

  it('uses stride only on the first repeat, the stage output as later input, SE = input/4', () => {
    const b2b = b0.blocks[2];
    expect(b0.blocks[1]).toMatchObject({ strides: 2, filtersIn: 16, filtersOut: 24, expandedFilters: 96, seFilters: 4, residual: false });
    expect(b2b).toMatchObject({ strides: 1, filtersIn: 24, filtersOut: 24, expandedFilters: 144, seFilters: 6, residual: true });
    expect(b0.blocks[0]).toMatchObject({ expandRatio: 1, filtersIn: 32, expandedFilters: 32, seFilters: 8, residual: false });
    expect(b0.blocks[15]).toMatchObject({ filtersIn: 192, filtersOut: 320, seFilters: 48, kernelSize: 3 });
  });

  it('scales drop-connect as rate * blockIndex / totalBlocks, only on residual blocks', () => {
    expect(b0.blocks[2].dropRate).toBeCloseTo((0.2 * 2) / 16, 12);
    expect(b0.blocks[14].dropRate).toBeCloseTo((0.2 * 14) / 16, 12);
    expect(b0.blocks.filter((b) => !b.residual).every((b) => b.dropRate === 0)).toBe(true);
  });

  it('lite = width 0.5, depth 0.5: 10 blocks, stem 16, head 640', () => {
    const lite = planEfficientNet1D(efficientNet1DVariantConfig('lite'));
    expect(lite.blocks.map((b) => b.name)).toEqual([
      'block1a', 'block2a', 'block3a', 'block4a', 'block4b', 'block5a', 'block5b', 'block6a', 'block6b', 'block7a',
    ]);
    expect(lite.stem.filters).toBe(16);
    expect(lite.head.filters).toBe(640);
    expect(lite.blocks.map((b) => b.filtersOut)).toEqual([8, 16, 24, 40, 40, 56, 56, 96, 96, 160]);
  });

  it('fixStemAndHead keeps 32 / 1280 at any width', () => {
    const p = planEfficientNet1D({ widthCoefficient: 0.5, fixStemAndHead: true });
    expect([p.stem.filters, p.head.filters, p.blocks[0].filtersIn]).toEqual([32, 1280, 32]);
  });

  it('kernelScale scales block kernels (next odd) but not the stem', () => {
    const p = planEfficientNet1D({ kernelScale: 2, stemKernel: 15 });
    expect(p.stem.kernelSize).toBe(15);
    expect(new Set(p.blocks.map((b) => b.kernelSize))).toEqual(new Set([7, 11]));
  });

  it('se:false zeroes every SE width and changes nothing else', () => {
    const off = planEfficientNet1D({ se: false });
    const on = planEfficientNet1D({});
    expect(off.blocks.every((b) => b.seFilters === 0)).toBe(true);
    expect(off.blocks.map(({ seFilters: _, ...rest }) => rest)).toEqual(on.blocks.map(({ seFilters: _, ...rest }) => rest));
  });
});

describe('resolveEfficientNet1DConfig', () => {
  const badConfigs: [string, object][] = [
    ['inputLength', { inputLength: 0 }],
    ['leads', { leads: 1.5 }],
    ['stemKernel', { stemKernel: 8 }],
    ['widthCoefficient', { widthCoefficient: 0 }],
    ['dropConnectRate', { dropConnectRate: 1 }],
    ['classes', { classes: 0 }],
    ['pooling', { pooling: 'median' }],
    ['blocks[0].kernelSize', { blocks: [{ repeats: 1, kernelSize: 4, strides: 1, inputFilters: 8, outputFilters: 8, expandRatio: 1, seRatio: 0 }] }],
    ['blocks', { blocks: [] }],
  ];
  for (const [field, cfg] of badConfigs) {
    it(`names ${field} when it is impossible`, () => {
      let caught: unknown;
      try {
        resolveEfficientNet1DConfig(cfg);
      } catch (e) {
        caught = e;
      }
      expect(isModelError(caught, 'BAD_CONFIG')).toBe(true);
      expect((caught as Error).message).toContain(field);
    });
  }
  it('ignores undefined overrides (keeps the default)', () => {
    expect(resolveEfficientNet1DConfig({ classes: undefined }).classes).toBe(5);
  });
});
