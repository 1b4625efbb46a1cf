/**
 * The numbers behind a figure, as a table in long format: one row per plotted point (or per
 * heatmap cell), so a reader can re-plot or check a figure without the PNG.
 */
import { FigureError } from './errors';
import { plainFigure, type FigureSpec, type PlotlyTrace } from './spec';

export type DataCell = string | number | null;

export interface FigureData {
  columns: string[];
  rows: DataCell[][];
}

const cell = (v: unknown): DataCell => (v === undefined || v === null ? null : typeof v === 'number' || typeof v === 'string' ? v : String(v));

function traceName(t: PlotlyTrace, i: number): string {
  return t.name ?? `trace ${i}`;
}

function at(a: ArrayLike<unknown> | undefined, i: number): unknown {
  return a && i < a.length ? a[i] : undefined;
}

/** Long-format rows of every trace: trace, point index, x, y, z (z only for heatmap cells). */
export function figureData(figure: FigureSpec): FigureData {
  if (!figure || !Array.isArray(figure.data)) throw new FigureError('BAD_FIGURE', 'figureData', 'a figure needs a data array of traces');
  const spec = plainFigure(figure);
  const rows: DataCell[][] = [];
  spec.data.forEach((t, ti) => {
    const name = traceName(t, ti);
    if (t.z) {
      // Heatmap: z[row][col], with y labelling rows and x labelling columns.
      for (let r = 0; r < t.z.length; r++) {
        const zr = t.z[r];
        for (let c = 0; c < zr.length; c++) rows.push([name, r * zr.length + c, cell(at(t.x, c) ?? c), cell(at(t.y, r) ?? r), cell(zr[c])]);
      }
      return;
    }
    const x = t.x as ArrayLike<unknown> | undefined;
    const y = t.y as ArrayLike<unknown> | undefined;
    const n = Math.max(x?.length ?? 0, y?.length ?? 0);
    for (let i = 0; i < n; i++) rows.push([name, i, cell(x ? at(x, i) : i), cell(y ? at(y, i) : i), null]);
  });
  const hasZ = rows.some((r) => r[4] !== null);
  return { columns: hasZ ? ['trace', 'point', 'x', 'y', 'z'] : ['trace', 'point', 'x', 'y'], rows: hasZ ? rows : rows.map((r) => r.slice(0, 4)) };
}
