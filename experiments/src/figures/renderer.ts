/**
 * Plotly figures -> PNG in a headless Chromium driven by playwright-core.
 *
 * Why this way: plotly has no server-side renderer in Node, and `npx playwright install`
 * (a browser download) is not possible everywhere; Debian's `chromium` package is. The page
 * loads plotly.js once (~10 s for the first figure: browser start + script parse); later
 * figures take ~0.1 s each on the same page, so one renderer is shared per process.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { FigureError } from './errors';
import { DEFAULT_FIGURE_SIZE, plainFigure, type FigureSize, type FigureSpec } from './spec';

/** Environment variable naming the Chromium binary (default /usr/bin/chromium). */
export const CHROMIUM_ENV = 'ECG_CHROMIUM';
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Flags measured to start Debian's Chromium headless in containers without network or GPU. */
export const CHROMIUM_FLAGS: readonly string[] = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

export interface RendererOptions {
  /** Chromium binary; default $ECG_CHROMIUM, then /usr/bin/chromium. */
  executablePath?: string;
  /** Milliseconds allowed for the browser start and for each figure (default 60 s). */
  timeoutMs?: number;
}

export function chromiumPath(options: RendererOptions = {}, env: NodeJS.ProcessEnv = process.env): string {
  return options.executablePath ?? env[CHROMIUM_ENV] ?? DEFAULT_CHROMIUM;
}

/** PNG files start with these eight bytes. */
export const PNG_SIGNATURE: readonly number[] = Object.freeze([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

export class FigureRenderer {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  /** Start Chromium and load plotly.js into a blank page. */
  static async launch(options: RendererOptions = {}): Promise<FigureRenderer> {
    const executablePath = chromiumPath(options);
    if (!existsSync(executablePath)) {
      throw new FigureError('NO_BROWSER', executablePath, `Chromium not found (install Debian's \`chromium\` package or set ${CHROMIUM_ENV})`);
    }
    const timeoutMs = options.timeoutMs ?? 60_000;
    // Loaded lazily so that importing this module (e.g. for isPng) costs nothing.
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS], timeout: timeoutMs });
    try {
      const page = await browser.newPage();
      page.setDefaultTimeout(timeoutMs);
      await page.setContent('<!doctype html><html><body></body></html>');
      const plotlyPath = createRequire(__filename).resolve('plotly.js-dist-min');
      await page.addScriptTag({ path: plotlyPath });
      return new FigureRenderer(browser, page);
    } catch (e) {
      await browser.close();
      throw new FigureError('NO_BROWSER', executablePath, `Chromium started but plotly could not be loaded: ${(e as Error).message}`);
    }
  }

  /** Render one figure to PNG bytes. */
  async toPng(spec: FigureSpec, size: FigureSize = {}): Promise<Uint8Array> {
    if (!spec || !Array.isArray(spec.data)) throw new FigureError('BAD_FIGURE', 'toPng', 'a figure needs a data array of traces');
    const width = size.width ?? DEFAULT_FIGURE_SIZE.width;
    const height = size.height ?? DEFAULT_FIGURE_SIZE.height;
    const scale = size.scale ?? DEFAULT_FIGURE_SIZE.scale;
    for (const [k, v] of Object.entries({ width, height, scale })) {
      if (!Number.isFinite(v) || v <= 0) throw new FigureError('BAD_FIGURE', 'toPng', `${k} must be a positive number, got ${v}`);
    }
    const figure = plainFigure(spec);
    let dataUrl: string;
    try {
      dataUrl = await this.page.evaluate(
        async ({ figure, width, height, scale }) => {
          const plotly = (globalThis as unknown as { Plotly: { toImage(f: unknown, o: unknown): Promise<string> } }).Plotly;
          return plotly.toImage({ data: figure.data, layout: figure.layout ?? {} }, { format: 'png', width, height, scale });
        },
        { figure, width, height, scale },
      );
    } catch (e) {
      throw new FigureError('RENDER_FAILED', 'toPng', (e as Error).message.split('\n')[0]);
    }
    const comma = dataUrl.indexOf(',');
    const bytes = new Uint8Array(Buffer.from(dataUrl.slice(comma + 1), 'base64'));
    if (!isPng(bytes)) throw new FigureError('RENDER_FAILED', 'toPng', 'plotly returned something that is not a PNG');
    return bytes;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

let shared: Promise<FigureRenderer> | null = null;

/** One renderer per process, started on first use (the browser start is the slow part). */
export function sharedRenderer(options: RendererOptions = {}): Promise<FigureRenderer> {
  if (!shared) {
    shared = FigureRenderer.launch(options);
    shared.catch(() => {
      shared = null;
    });
  }
  return shared;
}

export async function closeSharedRenderer(): Promise<void> {
  const r = shared;
  shared = null;
  if (r) await (await r).close();
}
