/**
 * Plotly figure specs for the plots the notebooks and `ecg reproduce` draw, so that cells pass
 * data and never assemble traces by hand. Everything returned is plain plotly JSON.
 */
import { FigureError } from './errors';
import type { FigureSpec, PlotlyTrace } from './spec';

const FONT = { family: 'DejaVu Sans, Arial, sans-serif', size: 12 };
const MARGIN = { l: 60, r: 20, t: 50, b: 45 };
/** Legend in a row under the title, so long category labels below the axis never collide with it. */
const LEGEND_ON_TOP = { orientation: 'h', x: 0, y: 1, yanchor: 'bottom' } as const;
/** Light (0) to dark blue (1): empty cells stay white. */
const SEQUENTIAL_BLUES = [
  [0, '#f7fbff'],
  [0.5, '#6baed6'],
  [1, '#08306b'],
];
/** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
export const PALETTE: readonly string[] = Object.freeze(['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000']);

export interface StripLead {
  name: string;
  /** Samples in physical units (the whole record or the plotted stretch, see `offset`). */
  values: ArrayLike<number>;
  units?: string;
}

export interface StripMarkers {
  name: string;
  /** Sample indices into the record. */
  samples: ArrayLike<number>;
  /** Which lead they are drawn on (index into `leads`, default 0). */
  lead?: number;
  /** A label per marker (beat symbols), drawn above it. */
  labels?: readonly string[];
  symbol?: string;
  color?: string;
}

export interface StripRegion {
  /** Sample indices [start, end) into the record. */
  start: number;
  end: number;
  label: string;
  color?: string;
}

export interface EcgStripOptions {
  title: string;
  fs: number;
  leads: readonly StripLead[];
  /** First and last plotted sample (default: all of `values`). */
  from?: number;
  to?: number;
  /** Index of values[0] in the record (when `values` is already a slice), default 0. */
  offset?: number;
  markers?: readonly StripMarkers[];
  /** Shaded stretches (rhythm episodes), labelled at the top. */
  regions?: readonly StripRegion[];
}

/** The same colour for the same rhythm in every figure (MIT-BIH rhythm labels), else by position. */
const RHYTHM_COLORS: Readonly<Record<string, string>> = Object.freeze({ N: '#009E73', AFIB: '#D55E00', AFL: '#E69F00', B: '#CC79A7', T: '#CC79A7', VT: '#000000', SVTA: '#56B4E9', NOD: '#0072B2', P: '#999999' });
function rhythmColor(label: string, index: number): string {
  return RHYTHM_COLORS[label] ?? PALETTE[(index + 4) % PALETTE.length];
}

/** Stacked leads over time in seconds, with beat markers and shaded rhythm episodes. */
export function ecgStripFigure(o: EcgStripOptions): FigureSpec {
  if (!o.leads.length) throw new FigureError('BAD_FIGURE', 'ecgStripFigure', 'no leads to plot');
  if (!(o.fs > 0)) throw new FigureError('BAD_FIGURE', 'ecgStripFigure', `fs must be > 0, got ${o.fs}`);
  const offset = o.offset ?? 0;
  const from = o.from ?? offset;
  const to = o.to ?? offset + o.leads[0].values.length;
  if (from < offset || to > offset + o.leads[0].values.length || to <= from) {
    throw new FigureError('BAD_FIGURE', 'ecgStripFigure', `plotted range [${from}, ${to}) outside the ${o.leads[0].values.length} samples given from ${offset}`);
  }
  const n = o.leads.length;
  const gap = n > 1 ? 0.04 : 0;
  const height = (1 - gap * (n - 1)) / n;
  const axis = (i: number) => (i === 0 ? '' : String(i + 1));
  // Microsecond resolution: enough for any ECG sampling rate, and short in the CSV.
  const seconds = (sample: number) => Math.round((sample / o.fs) * 1e6) / 1e6;
  const time = Array.from({ length: to - from }, (_, i) => seconds(from + i));
  const data: PlotlyTrace[] = o.leads.map((lead, i) => ({
    type: 'scatter',
    mode: 'lines',
    name: lead.name,
    x: time,
    y: Float32Array.from({ length: to - from }, (_, k) => lead.values[from - offset + k]),
    line: { width: 1, color: '#222' },
    xaxis: `x${axis(i)}`,
    yaxis: `y${axis(i)}`,
    showlegend: false,
  }));
  (o.markers ?? []).forEach((m, mi) => {
    const li = m.lead ?? 0;
    const lead = o.leads[li];
    if (!lead) throw new FigureError('BAD_FIGURE', 'ecgStripFigure', `markers "${m.name}" name lead ${li}, but only ${n} leads are plotted`);
    const idx: number[] = [];
    for (let k = 0; k < m.samples.length; k++) if (m.samples[k] >= from && m.samples[k] < to) idx.push(k);
    data.push({
      type: 'scatter',
      mode: m.labels ? 'text+markers' : 'markers',
      name: m.name,
      x: idx.map((k) => seconds(m.samples[k])),
      y: Float32Array.from(idx, (k) => lead.values[m.samples[k] - offset]),
      text: m.labels ? idx.map((k) => m.labels![k]) : undefined,
      textposition: 'top center',
      marker: { symbol: m.symbol ?? 'circle', size: 7, color: m.color ?? PALETTE[mi % PALETTE.length] },
      xaxis: `x${axis(li)}`,
      yaxis: `y${axis(li)}`,
    });
  });
  const layout: Record<string, unknown> = {
    title: { text: o.title },
    font: FONT,
    margin: { ...MARGIN, b: o.markers?.length ? 75 : MARGIN.b },
    legend: { orientation: 'h', x: 0, y: 0, yanchor: 'top', yref: 'container' },
    shapes: [] as unknown[],
    annotations: [] as unknown[],
  };
  o.leads.forEach((lead, i) => {
    const top = 1 - i * (height + gap);
    layout[`yaxis${axis(i)}`] = { domain: [top - height, top], title: { text: `${lead.name}${lead.units ? ` (${lead.units})` : ''}` }, zeroline: false };
    layout[`xaxis${axis(i)}`] = { anchor: `y${axis(i)}`, matches: i === 0 ? undefined : 'x', showticklabels: i === n - 1, title: i === n - 1 ? { text: 'time (s)' } : undefined };
  });
  for (const [ri, r] of (o.regions ?? []).entries()) {
    const x0 = Math.max(r.start, from) / o.fs;
    const x1 = Math.min(r.end, to) / o.fs;
    if (x1 <= x0) continue;
    const color = r.color ?? rhythmColor(r.label, ri);
    (layout.shapes as unknown[]).push({ type: 'rect', xref: 'x', yref: 'paper', x0, x1, y0: 0, y1: 1, fillcolor: color, opacity: 0.12, line: { width: 0 }, layer: 'below' });
    (layout.annotations as unknown[]).push({ xref: 'x', yref: 'paper', x: x0, y: 1, xanchor: 'left', yanchor: 'bottom', text: r.label, showarrow: false, font: { size: 11, color } });
  }
  return { data, layout };
}

export interface BarSeries {
  name: string;
  values: readonly number[];
  color?: string;
  /** Confidence interval per bar, drawn as asymmetric error bars. */
  intervals?: readonly { low: number; high: number }[];
}

export interface BarOptions {
  title: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  xTitle?: string;
  yTitle?: string;
  barmode?: 'group' | 'stack';
  /** Log scale on the value axis (class counts span orders of magnitude). */
  logY?: boolean;
}

export function barFigure(o: BarOptions): FigureSpec {
  for (const s of o.series) {
    if (s.values.length !== o.categories.length) throw new FigureError('BAD_FIGURE', 'barFigure', `series "${s.name}" has ${s.values.length} values for ${o.categories.length} categories`);
  }
  return {
    data: o.series.map((s, i) => ({
      type: 'bar',
      name: s.name,
      x: [...o.categories],
      y: [...s.values],
      marker: { color: s.color ?? PALETTE[i % PALETTE.length] },
      error_y: s.intervals
        ? { type: 'data', symmetric: false, array: s.intervals.map((c, k) => c.high - s.values[k]), arrayminus: s.intervals.map((c, k) => s.values[k] - c.low), color: '#444' }
        : undefined,
    })),
    layout: {
      title: { text: o.title },
      font: FONT,
      barmode: o.barmode ?? 'group',
      margin: { ...MARGIN, t: 80 },
      xaxis: { title: { text: o.xTitle ?? '' }, type: 'category', automargin: true },
      yaxis: { title: { text: o.yTitle ?? '' }, type: o.logY ? 'log' : 'linear' },
      legend: LEGEND_ON_TOP,
    },
  };
}

export interface LineSeries {
  name: string;
  x: readonly number[];
  y: readonly (number | null)[];
  dash?: 'solid' | 'dash' | 'dot';
  color?: string;
}

export interface LineOptions {
  title: string;
  series: readonly LineSeries[];
  xTitle?: string;
  yTitle?: string;
}

export function lineFigure(o: LineOptions): FigureSpec {
  return {
    data: o.series.map((s, i) => ({ type: 'scatter', mode: 'lines+markers', name: s.name, x: [...s.x], y: [...s.y], line: { dash: s.dash ?? 'solid', color: s.color ?? PALETTE[i % PALETTE.length] }, marker: { size: 5 } })),
    layout: { title: { text: o.title }, font: FONT, margin: { ...MARGIN, t: 80 }, xaxis: { title: { text: o.xTitle ?? '' } }, yaxis: { title: { text: o.yTitle ?? '' } }, legend: LEGEND_ON_TOP },
  };
}

export interface HeatmapOptions {
  title: string;
  /** Column labels (e.g. predicted class) and row labels (true class). */
  x: readonly string[];
  y: readonly string[];
  z: readonly (readonly number[])[];
  xTitle?: string;
  yTitle?: string;
  /** Text in each cell (default: the z value). */
  text?: readonly (readonly string[])[];
}

/** A labelled matrix (confusion matrix): rows top to bottom in the given order. */
export function heatmapFigure(o: HeatmapOptions): FigureSpec {
  if (o.z.length !== o.y.length || o.z.some((r) => r.length !== o.x.length)) {
    throw new FigureError('BAD_FIGURE', 'heatmapFigure', `z must be ${o.y.length} rows of ${o.x.length} values`);
  }
  return {
    data: [
      {
        type: 'heatmap',
        name: o.title,
        x: [...o.x],
        y: [...o.y],
        z: o.z.map((r) => [...r]),
        text: (o.text ?? o.z.map((r) => r.map((v) => String(v)))).map((r) => [...r]),
        texttemplate: '%{text}',
        colorscale: SEQUENTIAL_BLUES,
        showscale: true,
      },
    ],
    layout: {
      title: { text: o.title },
      font: FONT,
      margin: { ...MARGIN, l: 80 },
      xaxis: { title: { text: o.xTitle ?? '' }, type: 'category', side: 'bottom' },
      yaxis: { title: { text: o.yTitle ?? '' }, type: 'category', autorange: 'reversed' },
    },
  };
}

export interface BoxGroup {
  name: string;
  values: readonly number[];
  color?: string;
}

export interface BoxOptions {
  title: string;
  groups: readonly BoxGroup[];
  yTitle?: string;
  xTitle?: string;
}

/** One box per group (median, quartiles, whiskers at 1.5 IQR, the points beyond shown), e.g. a feature per class. */
export function boxFigure(o: BoxOptions): FigureSpec {
  for (const g of o.groups) {
    if (g.values.length === 0) throw new FigureError('BAD_FIGURE', 'boxFigure', `group "${g.name}" has no values`);
    if (g.values.some((v) => !Number.isFinite(v))) throw new FigureError('BAD_FIGURE', 'boxFigure', `group "${g.name}" has a value that is not a finite number`);
  }
  return {
    // x repeats the group name so that the figure's numbers (figureData) say which group each value is in
    data: o.groups.map((g, i) => ({ type: 'box', name: g.name, x: g.values.map(() => g.name), y: [...g.values], boxpoints: 'outliers', marker: { color: g.color ?? PALETTE[i % PALETTE.length] } })),
    layout: { title: { text: o.title }, font: FONT, margin: MARGIN, showlegend: false, xaxis: { title: { text: o.xTitle ?? '' }, type: 'category' }, yaxis: { title: { text: o.yTitle ?? '' } } },
  };
}
