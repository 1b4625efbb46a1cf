/**
 * Figures of a training run (what `npx ecg train` writes to runs/): learning curves from
 * history.json and the test confusion matrix from metrics.json.
 */
import { heatmapFigure, lineFigure } from './builders';
import { FigureError } from './errors';
import type { FigureSpec } from './spec';

/** The fields of one history.json epoch these figures use (libs/models EpochRecord). */
export interface EpochPoint {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  valAccuracy: number | null;
  valMacroF1: number;
  valScore: number;
}

export function lossCurvesFigure(epochs: readonly EpochPoint[], title: string): FigureSpec {
  const x = epochs.map((e) => e.epoch);
  return lineFigure({
    title,
    series: [
      { name: 'training loss', x, y: epochs.map((e) => e.trainLoss) },
      { name: 'validation loss', x, y: epochs.map((e) => e.valLoss), dash: 'dash' },
    ],
    xTitle: 'epoch',
    yTitle: 'cross-entropy',
  });
}

/** Validation accuracy, macro F1 and the task's own score (when it differs from macro F1) per epoch. */
export function validationCurvesFigure(epochs: readonly EpochPoint[], title: string, scoreName = 'task score'): FigureSpec {
  const x = epochs.map((e) => e.epoch);
  const series = [
    { name: 'accuracy', x, y: epochs.map((e) => e.valAccuracy) },
    { name: 'macro F1', x, y: epochs.map((e) => e.valMacroF1) },
  ];
  if (epochs.some((e) => e.valScore !== e.valMacroF1)) series.push({ name: scoreName, x, y: epochs.map((e) => e.valScore) });
  return lineFigure({ title, series, xTitle: 'epoch', yTitle: 'validation' });
}

/**
 * Confusion matrix, rows = true class, columns = predicted class; colour = share of the row
 * (so rare classes are readable), text = count and row percentage.
 */
export function confusionFigure(classNames: readonly string[], matrix: readonly (readonly number[])[], title: string): FigureSpec {
  if (matrix.length !== classNames.length) throw new FigureError('BAD_FIGURE', 'confusionFigure', `${matrix.length} rows for ${classNames.length} classes`);
  const shares = matrix.map((row) => {
    const n = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (n ? v / n : 0));
  });
  return heatmapFigure({
    title,
    x: classNames.map((c) => `pred ${c}`),
    y: classNames.map((c) => `true ${c}`),
    z: shares,
    text: matrix.map((row, i) => row.map((v, j) => `${v}<br>${(100 * shares[i][j]).toFixed(0)} %`)),
    xTitle: 'predicted class',
    yTitle: 'true class',
  });
}
