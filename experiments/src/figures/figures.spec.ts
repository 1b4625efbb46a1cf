import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, defaultFiguresDir, FigureError, FigureRenderer, figureData, isPng, writeFigure, type FigureSpec } from '.';

/** Width and height from the PNG's IHDR chunk (bytes 16-23, big-endian). */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

const lineAndBars: FigureSpec = {
  data: [
    { type: 'scatter', mode: 'lines', name: 'ECG', x: Float64Array.from([0, 0.5, 1, 1.5]), y: Float32Array.from([0.1, 1.2, -0.3, 0.05]) },
    { type: 'bar', name: 'counts', x: ['N', 'S', 'V'], y: [44259, 1837, 3221] },
  ],
  layout: { title: { text: 'renderer test' } },
};

describe('figureData', () => {
  it('lists every point of line and bar traces in long format', () => {
    const d = figureData(lineAndBars);
    expect(d.columns).toEqual(['trace', 'point', 'x', 'y']);
    expect(d.rows).toHaveLength(7);
    expect(d.rows[1]).toEqual(['ECG', 1, 0.5, expect.closeTo(1.2, 6)]);
    expect(d.rows[6]).toEqual(['counts', 2, 'V', 3221]);
  });

  it('lists heatmap cells with their row and column labels', () => {
    const d = figureData({ data: [{ type: 'heatmap', name: 'cm', x: ['pred N', 'pred V'], y: ['N', 'V'], z: [[9, 1], [2, 8]] }] });
    expect(d.columns).toEqual(['trace', 'point', 'x', 'y', 'z']);
    expect(d.rows).toContainEqual(['cm', 2, 'pred N', 'V', 2]);
  });

  it('rejects a figure without traces', () => {
    expect(() => figureData({} as FigureSpec)).toThrow(FigureError);
  });
});

describe('defaultFiguresDir', () => {
  it('keeps figures made on the bundled sample apart from real ones', () => {
    expect(defaultFiguresDir({ source: 'env' }, '/repo')).toBe(join('/repo', 'results', 'figures'));
    expect(defaultFiguresDir({ source: 'bundled-sample' }, '/repo')).toBe(join('/repo', 'results', 'sample', 'figures'));
  });
});

describe.skipIf(!existsSync(chromiumPath()))('FigureRenderer (headless Chromium)', () => {
  let renderer: FigureRenderer;
  let dir: string;
  beforeAll(async () => {
    renderer = await FigureRenderer.launch();
    dir = mkdtempSync(join(tmpdir(), 'figures-'));
  });
  afterAll(async () => {
    await renderer?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders a plotly figure to a PNG of the asked size', async () => {
    const png = await renderer.toPng(lineAndBars, { width: 640, height: 320, scale: 2 });
    expect(isPng(png)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 1280, height: 640 });
    // A drawn figure, not a blank page: a blank 1280x640 PNG compresses to a few hundred bytes.
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('writes the PNG and the numbers behind it', async () => {
    const w = await writeFigure(dir, 'test-figure', lineAndBars, { renderer, width: 500, height: 300 });
    expect(w.png).toBe(join(dir, 'test-figure.png'));
    const png = new Uint8Array(readFileSync(w.png));
    expect(isPng(png)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 500, height: 300 });
    const csv = Papa.parse<string[]>(readFileSync(w.csv, 'utf8').trim()).data;
    expect(csv[0]).toEqual(['trace', 'point', 'x', 'y']);
    expect(csv).toHaveLength(1 + 7);
    expect(csv[7]).toEqual(['counts', '2', 'V', '3221']);
  });

  it('rejects a bad file name and a bad size with typed errors', async () => {
    await expect(writeFigure(dir, '../escape', lineAndBars, { renderer })).rejects.toMatchObject({ code: 'BAD_FIGURE' });
    await expect(renderer.toPng(lineAndBars, { width: 0 })).rejects.toMatchObject({ code: 'BAD_FIGURE' });
  });
});

describe('FigureRenderer without a browser', () => {
  it('names the missing binary', async () => {
    await expect(FigureRenderer.launch({ executablePath: '/nonexistent/chromium' })).rejects.toMatchObject({ code: 'NO_BROWSER', where: '/nonexistent/chromium' });
  });
});
