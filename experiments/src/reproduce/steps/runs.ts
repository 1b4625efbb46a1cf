import { join, relative } from 'node:path';
import { aamiMeasures, cinc2017Score, confusionMatrix, multiLabelScores, rocAuc } from '@efficientecg/models';
import { argmax, pairedDifference, readPredictions, type RunPredictions } from '../../results/predictions';
import type { Cell, ResultTable } from '../../results/table';
import { configDifferences, formatConfigDifferences, loadExperimentConfig, resolveRunConfig, type ResolvedRunConfig } from '../../config';
import { defaultArchiveRoot, defaultRunsRoot, finishedRuns, predictionsFileOf, readJson } from '../../runs';
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

/** Settings that change what a run learns (not how many threads computed it). */
const comparable = (c: ResolvedRunConfig) => ({ data: c.data, model: c.model, training: { ...c.training, workers: undefined }, limits: c.limits });

/**
 * How a run folder's config differs from what the experiment's config resolves to now (a run
 * trained before the config changed, or with --epochs), or null when it is the same.
 */
export function runConfigDrift(dir: string): string | null {
  const run = readJson<ResolvedRunConfig>(join(dir, 'config.json'));
  const now = resolveRunConfig(loadExperimentConfig(run.experiment), { variant: run.variant, seed: run.seed, quick: Boolean(run.quick) });
  const diffs = configDifferences(comparable(run), comparable(now));
  return diffs.length ? formatConfigDifferences(diffs) : null;
}

const f3 = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(3)) : null);

/**
 * One experiment's ablation table: per variant, the headline metric per seed and its mean, and
 * against the full model the paired difference with a bootstrap CI that resamples
 * records/patients (same seed = same split = same test set). `archiveRoot` tells which runs
 * came from the archive.
 */
export function ablationTable(
  experiment: string,
  variants: ReadonlyMap<string, ReadonlyMap<number, string>>,
  options: { archiveRoot?: string; read?: (dir: string) => RunPredictions } = {},
): ResultTable {
  const metric = headlineMetric(experiment);
  const archiveRoot = options.archiveRoot ?? defaultArchiveRoot();
  const read = options.read ?? ((dir: string) => readPredictions(predictionsFileOf(dir)!));
  const full = variants.get('full');
  const rows: Cell[][] = [];
  const drift: string[] = [];
  for (const [variant, seeds] of variants) {
    const values: number[] = [];
    const diffs: string[] = [];
    const sources = new Set<string>();
    for (const [seed, dir] of seeds) {
      sources.add(relative(archiveRoot, dir).startsWith('..') ? 'runs' : 'archive');
      const d = runConfigDrift(dir);
      if (d) drift.push(`${variant} seed ${seed} was trained with ${d}.`);
      const p = read(dir);
      const all = Array.from({ length: p.ids.length }, (_, i) => i);
      values.push(metric.of(p, all));
      const ref = full?.get(seed);
      if (ref && ref !== dir) {
        const q = read(ref);
        const inFull = new Set(q.ids);
        if (p.ids.every((id) => inFull.has(id))) {
          const ci = pairedDifference(p, q, metric.of, { seed, iterations: 500 });
          diffs.push(`${ci.estimate >= 0 ? '+' : ''}${ci.estimate.toFixed(3)} [${ci.low.toFixed(3)}, ${ci.high.toFixed(3)}]`);
        }
      }
    }
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    rows.push([variant, seeds.size, [...seeds.keys()].join(' '), f3(mean), values.map((v) => v.toFixed(3)).join(' '), diffs.join('; ') || null, [...sources].join(', ')]);
  }
  return {
    id: `runs-${experiment}`,
    title: `${experiment}: ${metric.name} per variant (test split)`,
    notes: [
      `From the predictions of runs/${experiment}/<variant>/seed-<n>/ or, for runs trained in an earlier session, their copy in results/run-archive/ (\`npx ecg archive\`); --quick runs are left out: they check the pipeline and are not results.`,
      'Difference to the full model (same seed, so the same split and test set): estimate [95 % CI], paired percentile bootstrap over records/patients, 500 resamples.',
      ...drift,
    ],
    columns: ['variant', 'seeds', 'seed list', `mean ${metric.name}`, 'per seed', 'vs full: difference [95 % CI] per seed', 'from'],
    rows,
  };
}

/** Aggregate runs/ and the archive into one ablation table per experiment. */
export const runsStep: ReproductionStep = {
  name: 'runs',
  ownsTablePrefix: 'runs-',
  description: 'aggregate runs/ and results/run-archive/ (experiments x variants x seeds) into ablation tables with paired bootstrap CIs of the difference to the full model',
  run() {
    const out: StepOutput = { tables: [], notes: [] };
    // runs/ first (this machine's runs), then the committed archive of earlier sessions' runs
    const roots = [defaultRunsRoot(), defaultArchiveRoot()];
    const runs = finishedRuns(roots);
    // the full model's predictions are compared with every variant: parse each file once
    const parsed = new Map<string, RunPredictions>();
    const read = (dir: string): RunPredictions => {
      if (!parsed.has(dir)) parsed.set(dir, readPredictions(predictionsFileOf(dir)!));
      return parsed.get(dir)!;
    };
    if (runs.size === 0) out.notes.push('no finished run folders under runs/ or results/run-archive/: `npx ecg train --experiment NAME --variant V --seed N` writes them');
    for (const [exp, variants] of runs) out.tables.push(ablationTable(exp, variants, { archiveRoot: roots[1], read }));
    return out;
  },
};
