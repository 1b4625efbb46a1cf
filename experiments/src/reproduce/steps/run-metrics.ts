import { aamiMeasures, accuracy, cinc2017Score, confusionMatrix, multiLabelScores, perClassScores, rocAuc, type ConfusionMatrix } from '@efficientecg/models';
import { argmax, type PredictionMetric, type RunPredictions } from '../../results/predictions';

export interface RunMetric extends PredictionMetric {
  name: string;
}

const cm = (p: RunPredictions, idx: number[]) => confusionMatrix(idx.map((i) => p.labels![i]), idx.map((i) => argmax(p.probs[i])), p.classNames.length);
/** A single-label metric that is a function of the confusion matrix. */
const confusionMetric = (name: string, f: (m: ConfusionMatrix) => number): RunMetric => ({ name, of: (p, idx) => f(cm(p, idx)), fromConfusion: f });
const accuracyMetric = confusionMetric('accuracy', accuracy);

/**
 * The metrics an experiment's ablation table reports, computed from a run's per-example
 * predictions; the first is its headline (what the targets and the paper quote).
 */
export function experimentMetrics(experiment: string): RunMetric[] {
  if (experiment.startsWith('mitdb')) return [confusionMetric('jk index', (m) => aamiMeasures(m).jkIndex), accuracyMetric];
  if (experiment.startsWith('cinc2017')) return [confusionMetric('F1(N,A,O)', (m) => cinc2017Score(m).score), accuracyMetric];
  if (experiment.includes('superclasses')) {
    const macroAuc: RunMetric = {
      name: 'macro AUC',
      of: (p, idx) => {
        const k = p.classNames.length;
        const t = Float32Array.from(idx.flatMap((i) => p.targets![i]));
        const s = Float32Array.from(idx.flatMap((i) => p.probs[i]));
        return multiLabelScores(t, s, k).macroAuc ?? NaN;
      },
    };
    return [macroAuc];
  }
  // Normal vs Abnormal: AUC of the Abnormal probability, and F1 of the Abnormal class at argmax
  return [
    { name: 'AUC', of: (p, idx) => rocAuc(idx.map((i) => p.labels![i]), idx.map((i) => p.probs[i][1])) ?? NaN },
    confusionMetric('F1(Abnormal)', (m) => perClassScores(m)[1].f1),
  ];
}

/** The headline metric of an experiment (the first of experimentMetrics). */
export function headlineMetric(experiment: string): RunMetric {
  return experimentMetrics(experiment)[0];
}
