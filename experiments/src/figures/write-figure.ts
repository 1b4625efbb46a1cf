import { join } from 'node:path';
import Papa from 'papaparse';
import { workspaceRoot, writeFileAtomic, type ResolvedDataRoot } from '@efficientecg/datasets';
import { FigureError } from './errors';
import { figureData, type FigureData } from './figure-data';
import { sharedRenderer, type FigureRenderer } from './renderer';
import type { FigureSize, FigureSpec } from './spec';

/**
 * results/figures/, or results/sample/figures/ on the bundled sample (the same rule as
 * `ecg reproduce`, so sample figures never overwrite real ones).
 */
export function defaultFiguresDir(dataRoot: Pick<ResolvedDataRoot, 'source'>, root: string = workspaceRoot()): string {
  return join(root, 'results', ...(dataRoot.source === 'bundled-sample' ? ['sample'] : []), 'figures');
}

export function figureDataToCsv(d: FigureData): string {
  return Papa.unparse({ fields: d.columns, data: d.rows.map((r) => r.map((c) => (c === null ? '' : c))) }, { newline: '\n' }) + '\n';
}

export interface WriteFigureOptions extends FigureSize {
  /** Default: the shared renderer of this process. */
  renderer?: FigureRenderer;
  /** The numbers behind the figure when the traces alone do not say it well (default: figureData(spec)). */
  data?: FigureData;
}

export interface WrittenFigure {
  png: string;
  csv: string;
  bytes: Uint8Array;
}

const ID = /^[a-z0-9][a-z0-9._-]*$/i;

/** Render `spec` and write `<dir>/<id>.png` and `<dir>/<id>.csv` atomically. */
export async function writeFigure(dir: string, id: string, spec: FigureSpec, options: WriteFigureOptions = {}): Promise<WrittenFigure> {
  if (!ID.test(id)) throw new FigureError('BAD_FIGURE', 'writeFigure', `figure id must be a plain file name (letters, digits, . _ -), got "${id}"`);
  const renderer = options.renderer ?? (await sharedRenderer());
  const bytes = await renderer.toPng(spec, options);
  const png = join(dir, `${id}.png`);
  const csv = join(dir, `${id}.csv`);
  writeFileAtomic(csv, figureDataToCsv(options.data ?? figureData(spec)));
  writeFileAtomic(png, bytes);
  return { png, csv, bytes };
}
