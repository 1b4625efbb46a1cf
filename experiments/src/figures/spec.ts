/**
 * A plotly figure as plain data (what `Plotly.newPlot(div, data, layout)` takes). Kept loose on
 * purpose: plotly's own types are not a dependency, and any valid plotly JSON renders.
 */
export interface PlotlyTrace {
  type?: string;
  name?: string;
  x?: ArrayLike<number | string | null>;
  y?: ArrayLike<number | string | null>;
  z?: ArrayLike<ArrayLike<number | null>>;
  [key: string]: unknown;
}

export interface FigureSpec {
  data: PlotlyTrace[];
  layout?: Record<string, unknown>;
}

export interface FigureSize {
  /** CSS pixels (default 900 x 450). */
  width?: number;
  height?: number;
  /** Device pixel ratio of the PNG (default 1; 2 for print). */
  scale?: number;
}

export const DEFAULT_FIGURE_SIZE = { width: 900, height: 450, scale: 1 } as const;

/**
 * Typed arrays become plain arrays so the spec survives JSON into the browser page. Float32
 * samples are written with float32 precision (7 significant digits) instead of the 17 digits
 * of their float64 widening, which would triple the size of every figure's CSV for nothing.
 */
export function plainFigure(spec: FigureSpec): FigureSpec {
  return JSON.parse(
    JSON.stringify(spec, (_k, v: unknown) => {
      if (v instanceof Float32Array) return Array.from(v, (x) => (Number.isFinite(x) ? Number(x.toPrecision(7)) : null));
      return ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v;
    }),
  ) as FigureSpec;
}
