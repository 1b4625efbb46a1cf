import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@efficientecg/datasets';
import { aamiMeasures, cinc2017Score, confusionMatrix, multiLabelScores, rocAuc } from '@efficientecg/models';
import { listExperimentNames, loadExperimentConfig } from '../../config';
import { argmax, pairedDifference, readPredictions, type RunPredictions } from '../../results/predictions';
import type { Cell, ResultTable } from '../../results/table';
import type { ReproductionStep, StepOutput } from '../context';

/** The headline metric of an experiment, computed from a run's per-example predictions. */
export function headlineMetric(experiment: string): { name: string; of(p: RunPredictions, idx: number[]): number } {
  const cm = (p: RunPredictions, idx: number[]) => confusionMatrix(idx.map((i) => p.labels![i]), idx.map((i) => argmax(p.probs[i])), p.classNames.length);
  if (experiment.startsWith('mitdb')) return { name: 'jk index', of: (p, idx) => aamiMeasures(cm(p, idx)).jkIndex };
  if (experiment.startsWith('cinc2017')) return { name: 'F1(N,A,O)', of: (p, idx) => cinc2017Score(cm(p, idx)).score };
  if (experiment.includes('superclasses')) {
    return {
      name: 'macro AUC',
      of: (p, idx) => {
        const k = p.classNames.length;
        const t = Float32Array.from(idx.flatMap((i) => p.targets![i]));
        const s = Float32Array.from(idx.flatMap((i) => p.probs[i]));
        return multiLabelScores(t, s, k).macroAuc ?? NaN;
      },
    };
  }
  return { name: 'AUC', of: (p, idx) => rocAuc(idx.map((i) => p.labels![i]), idx.map((i) => p.probs[i][1])) ?? NaN };
}

const f3 = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(3)) : null);

const subdirs = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

/** runs/<experiment>/<variant>/seed-<n>/predictions.csv of every finished run (logs, caches and `_`-folders beside them are skipped). */
export function finishedRuns(root: string): Map<string, Map<string, Map<number, string>>> {
  const out = new Map<string, Map<string, Map<number, string>>>();
  if (!existsSync(root)) return out;
  const experiments = new Set(listExperimentNames());
  for (const exp of subdirs(root)) {
    if (!experiments.has(exp)) continue; // logs, notebook quick runs, set-aside runs
    const variants = new Set(Object.keys(loadExperimentConfig(exp).variants));
    for (const variant of subdirs(join(root, exp))) {
      // only the config's variants: not cached stages (_lstm-ae), --quick runs (pipeline checks) or renamed folders
      if (!variants.has(variant)) continue;
      for (const seedDir of subdirs(join(root, exp, variant))) {
        const m = /^seed-(\d+)$/.exec(seedDir);
        const file = join(root, exp, variant, seedDir, 'predictions.csv');
        if (!m || !existsSync(file)) continue;
        if (!out.has(exp)) out.set(exp, new Map());
        if (!out.get(exp)!.has(variant)) out.get(exp)!.set(variant, new Map());
        out.get(exp)!.get(variant)!.set(Number(m[1]), file);
      }
    }
  }
  return out;
}

/**
 * Aggregate the run folders into one table per experiment: per variant, the headline
 * metric per seed and its mean, and against the full model the paired difference with
 * a bootstrap CI that resamples records/patients (same seed = same split = same test set).
 */
export const runsStep: ReproductionStep = {
  name: 'runs',
  description: 'aggregate runs/ (experiments x variants x seeds) into ablation tables with paired bootstrap CIs of the difference to the full model',
  run(ctx) {
    const out: StepOutput = { tables: [], notes: [] };
    const root = join(workspaceRoot(), 'runs');
    const runs = finishedRuns(root);
    // the full model's predictions are compared with every variant: parse each file once
    const parsed = new Map<string, RunPredictions>();
    const read = (file: string): RunPredictions => {
      if (!parsed.has(file)) parsed.set(file, readPredictions(file));
      return parsed.get(file)!;
    };
    if (runs.size === 0) out.notes.push('no finished run folders under runs/: `npx ecg train --experiment NAME --variant V --seed N` writes them');
    for (const [exp, variants] of runs) {
      const metric = headlineMetric(exp);
      const full = variants.get('full');
      const rows: Cell[][] = [];
      for (const [variant, seeds] of variants) {
        const values: number[] = [];
        const diffs: string[] = [];
        for (const [seed, file] of seeds) {
          const p = read(file);
          const all = Array.from({ length: p.ids.length }, (_, i) => i);
          values.push(metric.of(p, all));
          const ref = full?.get(seed);
          if (ref && ref !== file) {
            const q = read(ref);
            const inFull = new Set(q.ids);
            if (p.ids.every((id) => inFull.has(id))) {
              const ci = pairedDifference(p, q, metric.of, { seed, iterations: 500 });
              diffs.push(`${ci.estimate >= 0 ? '+' : ''}${ci.estimate.toFixed(3)} [${ci.low.toFixed(3)}, ${ci.high.toFixed(3)}]`);
            }
          }
        }
        const mean = values.reduce((a, b) => a + b, 0) / values.length;
        rows.push([variant, seeds.size, [...seeds.keys()].join(' '), f3(mean), values.map((v) => v.toFixed(3)).join(' '), diffs.join('; ') || null]);
      }
      out.tables.push({
        id: `runs-${exp}`,
        title: `${exp}: ${metric.name} per variant (test split)`,
        notes: [
          `From runs/${exp}/<variant>/seed-<n>/predictions.csv (--quick runs are left out: they check the pipeline and are not results).`,
          'Difference to the full model (same seed, so the same split and test set): estimate [95 % CI], paired percentile bootstrap over records/patients, 500 resamples.',
        ],
        columns: ['variant', 'seeds', 'seed list', `mean ${metric.name}`, 'per seed', 'vs full: difference [95 % CI] per seed'],
        rows,
      } satisfies ResultTable);
    }
    return out;
  },
};
