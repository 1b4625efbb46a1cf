import { describe, expect, it } from 'vitest';
import { barFigure, beatMarkers, boxFigure, confusionFigure, ecgStripFigure, FigureError, figureData, firstEpisode, heatmapFigure, rhythmEpisodes } from '.';

// Plain plotly JSON is checked here; rendering is checked in figures.spec.ts.
const annotations = [
  { sample: 0, symbol: '+', aux: '(N' },
  { sample: 10, symbol: 'N' },
  { sample: 30, symbol: 'A' },
  { sample: 40, symbol: '+', aux: '(AFIB' },
  { sample: 50, symbol: 'N' },
];

describe('annotation helpers', () => {
  it('turns rhythm marks into episodes that end at the next mark or the record end', () => {
    const e = rhythmEpisodes(annotations, 100);
    expect(e.map(({ start, end, label }) => [start, end, label])).toEqual([
      [0, 40, 'N'],
      [40, 100, 'AFIB'],
    ]);
    expect(firstEpisode(e, 'AFIB', 41)).toBeNull();
    expect(firstEpisode(e, 'AFIB')?.start).toBe(40);
  });

  it('labels beat markers with their symbols', () => {
    const m = beatMarkers(annotations, (s) => s === 'N' || s === 'A');
    expect(Array.from(m.samples)).toEqual([10, 30, 50]);
    expect(m.labels).toEqual(['N', 'A', 'N']);
  });
});

describe('ecgStripFigure', () => {
  const values = Float32Array.from({ length: 100 }, (_, i) => Math.sin(i / 5));
  it('plots the chosen stretch in seconds with markers on their lead', () => {
    const f = ecgStripFigure({ title: 't', fs: 10, leads: [{ name: 'II', values }, { name: 'V1', values }], from: 20, to: 60, markers: [{ name: 'beats', samples: [10, 30, 50], lead: 1 }], regions: rhythmEpisodes(annotations, 100) });
    expect(f.data).toHaveLength(3);
    expect(f.data[0].x).toHaveLength(40);
    expect((f.data[0].x as number[])[0]).toBe(2);
    expect(f.data[2]).toMatchObject({ yaxis: 'y2', x: [3, 5] });
    expect((f.layout!.shapes as unknown[]).length).toBe(2);
  });

  it('rejects a stretch outside the samples and markers on a missing lead', () => {
    expect(() => ecgStripFigure({ title: 't', fs: 10, leads: [{ name: 'II', values }], from: 50, to: 200 })).toThrow(FigureError);
    expect(() => ecgStripFigure({ title: 't', fs: 10, leads: [{ name: 'II', values }], markers: [{ name: 'm', samples: [1], lead: 3 }] })).toThrow(/lead 3/);
  });
});

describe('bar, heatmap and confusion figures', () => {
  it('draws confidence intervals as asymmetric error bars', () => {
    const f = barFigure({ title: 'b', categories: ['a', 'b'], series: [{ name: 's', values: [0.5, 0.8], intervals: [{ low: 0.4, high: 0.7 }, { low: 0.75, high: 0.9 }] }] });
    const err = f.data[0].error_y as { array: number[]; arrayminus: number[] };
    expect(err.array.map((v) => +v.toFixed(6))).toEqual([0.2, 0.1]);
    expect(err.arrayminus.map((v) => +v.toFixed(6))).toEqual([0.1, 0.05]);
    expect(() => barFigure({ title: 'b', categories: ['a'], series: [{ name: 's', values: [1, 2] }] })).toThrow(FigureError);
  });

  it('draws one box per group whose numbers name the group of every value, and rejects empty or non-finite groups', () => {
    const f = boxFigure({ title: 'x', groups: [{ name: 'N', values: [0.1, 0.2, 0.3] }, { name: 'A', values: [0.6] }] });
    expect(f.data.map((t) => [t.type, t.name])).toEqual([['box', 'N'], ['box', 'A']]);
    expect(figureData(f).rows.map((r) => [r[2], r[3]])).toEqual([['N', 0.1], ['N', 0.2], ['N', 0.3], ['A', 0.6]]);
    expect(() => boxFigure({ title: 'x', groups: [{ name: 'O', values: [] }] })).toThrow(/group "O" has no values/);
    expect(() => boxFigure({ title: 'x', groups: [{ name: 'O', values: [1, Number.NaN] }] })).toThrow(FigureError);
  });

  it('colours a confusion matrix by row share and prints counts', () => {
    const f = confusionFigure(['N', 'V'], [[8, 2], [1, 3]], 'cm');
    expect(f.data[0].z).toEqual([[0.8, 0.2], [0.25, 0.75]]);
    expect((f.data[0].text as string[][])[1][1]).toBe('3<br>75 %');
    expect(() => heatmapFigure({ title: 'h', x: ['a'], y: ['b'], z: [[1, 2]] })).toThrow(FigureError);
  });
});
