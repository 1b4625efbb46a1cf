import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { allExamples, concatPredictions, pairedDifference, pooledPairedDifference, readPredictions, type RunPredictions } from '../../results/predictions';
import { experimentMetrics, headlineMetric } from './run-metrics';
import { formatCiCell, type Cell, type ResultTable } from '../../results/table';
import type { ZodType } from 'zod';
import { EcgDataError, isBundledSample } from '@efficientecg/datasets';
import { configDifferences, dataSchema, formatConfigDifferences, listExperimentNames, loadExperimentConfig, modelSchema, resolveRunConfig, trainingSchema, type ResolvedRunConfig, type SelectionConfig } from '../../config';
import { defaultArchiveRoot, defaultRunsRoot, finishedRuns, isUnder, predictionsFileOf, readJson, validationPredictionsFileOf } from '../../runs';
import type { ReproductionStep, StepOutput } from '../context';
import { ensembleTable } from './ensembles';
import { HMIC8_SUFFIX, leadSetTable } from './lead-sets';
import { planFullRuns, trainPlannedRuns } from '../full-training';

export { experimentMetrics, headlineMetric, type RunMetric } from './run-metrics';

/** A recorded section read through today's schema: a field added since (absent in the run) takes the default it had meant. */
function withDefaults(schema: ZodType, recorded: unknown): unknown {
  const parsed = schema.safeParse(recorded);
  return parsed.success ? parsed.data : recorded;
}

/** The data section as the split was drawn: an absent CinC split seed is the run's seed, so only a different split is drift. */
function effectiveData(c: ResolvedRunConfig): unknown {
  const d = withDefaults(dataSchema, c.data) as ResolvedRunConfig['data'];
  return d.dataset === 'cinc2017' ? { ...d, splitSeed: d.splitSeed ?? c.seed } : d;
}

/** Settings that change what a run learns (not how many threads computed it). */
const comparable = (c: ResolvedRunConfig) => ({
  data: effectiveData(c),
  model: withDefaults(modelSchema, c.model),
  training: { ...(withDefaults(trainingSchema, c.training) as object), workers: undefined },
  limits: c.limits,
});

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

/** What `training.monitor` measures, in the words of the table (val_score is the experiment's headline metric). */
function monitorLabel(experiment: string, monitor: string): string {
  if (monitor === 'val_score') return headlineMetric(experiment).name;
  return monitor === 'val_loss' ? 'loss' : 'macro-F1';
}

/** The monitored validation value at the epoch a run kept (history.json `best`), or NaN when the run did not record it. */
export function selectedValidationValue(dir: string): number {
  const file = join(dir, 'history.json');
  if (!existsSync(file)) return NaN;
  const value = readJson<{ best?: { value?: unknown } | null }>(file).best?.value;
  return typeof value === 'number' ? value : NaN;
}

/** A run's validation predictions at its kept epoch, or null when it did not write them. */
export function readValidationPredictions(dir: string): RunPredictions | null {
  const file = validationPredictionsFileOf(dir);
  return file ? readPredictions(file) : null;
}

/**
 * What the ensembles table needs from a config (read once): the number of patient folds of a
 * cross-validation config (`data.validationFolds`) and the choice between variants it fixes in
 * advance (`selection`); each undefined elsewhere.
 */
export function ensembleOptionsOf(experiment: string): { folds?: number; selection?: SelectionConfig } {
  const config = loadExperimentConfig(experiment);
  return { folds: 'validationFolds' in config.data ? config.data.validationFolds : undefined, selection: config.selection };
}

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
  const metrics = experimentMetrics(experiment);
  const archiveRoot = options.archiveRoot ?? defaultArchiveRoot();
  const read = options.read ?? ((dir: string) => readPredictions(predictionsFileOf(dir)!));
  const full = variants.get('full');
  const monitor = monitorLabel(experiment, loadExperimentConfig(experiment).training.monitor);
  const rows: Cell[][] = [];
  const drift: string[] = [];
  for (const [variant, seeds] of variants) {
    const values = metrics.map(() => [] as number[]);
    const diffs = metrics.map(() => [] as string[]);
    const pairs: { a: RunPredictions; b: RunPredictions; seed: number }[] = [];
    const sources = new Set<string>();
    const validation: number[] = [];
    const validationPredictions: (RunPredictions | null)[] = [];
    for (const [seed, dir] of seeds) {
      validation.push(selectedValidationValue(dir));
      validationPredictions.push(readValidationPredictions(dir));
      sources.add(isUnder(archiveRoot, dir) ? 'archive' : 'runs');
      const d = runConfigDrift(dir);
      if (d) drift.push(`${variant} seed ${seed} was trained with ${d}.`);
      const p = read(dir);
      metrics.forEach((m, k) => values[k].push(m.of(p, allExamples(p))));
      const ref = full?.get(seed);
      if (ref && ref !== dir) {
        const q = read(ref);
        const inFull = new Set(q.ids);
        if (p.ids.every((id) => inFull.has(id))) {
          pairs.push({ a: p, b: q, seed });
          metrics.forEach((m, k) => diffs[k].push(formatCiCell(pairedDifference(p, q, m, { seed, iterations: 500 }), true)));
        }
      }
    }
    // with 2+ seeds: the mean difference over seeds, each seed's patients resampled within its own test set
    const pooled = metrics.map((m) => (pairs.length > 1 ? formatCiCell(pooledPairedDifference(pairs, m, { seed: 0, iterations: 500 }), true) : null));
    const perMetric = metrics.flatMap((_, k) => [f3(values[k].reduce((a, b) => a + b, 0) / values[k].length), values[k].map((v) => v.toFixed(3)).join(' '), pooled[k], diffs[k].join('; ') || null]);
    const recorded = validation.filter(Number.isFinite);
    const pooledValidation = validationPredictions.every((p) => p !== null) ? concatPredictions(validationPredictions as RunPredictions[]) : null;
    const validationCells = [
      recorded.length === validation.length ? f3(recorded.reduce((a, b) => a + b, 0) / recorded.length) : null,
      validation.map((v) => (Number.isFinite(v) ? v.toFixed(3) : '-')).join(' '),
      pooledValidation ? f3(metrics[0].of(pooledValidation, allExamples(pooledValidation))) : null,
    ];
    rows.push([variant, seeds.size, [...seeds.keys()].join(' '), ...perMetric, ...validationCells, [...sources].join(', ')]);
  }
  return {
    id: `runs-${experiment}`,
    title: `${experiment}: ${metrics.map((m) => m.name).join(' and ')} per variant and seed (test split)`,
    notes: [
      `From the predictions of runs/${experiment}/<variant>/seed-<n>/ or, for runs trained in an earlier session, their copy in results/run-archive/ (\`npx ecg archive\`); --quick runs are left out: they check the pipeline and are not results.`,
      `Validation ${monitor}: the value early stopping and the choice of epoch were based on (\`training.monitor\`), on the validation split at the epoch each run kept ("-": not recorded). A variant chosen by these columns, not by the test columns, leaves the test split unseen. "Seeds pooled": the headline metric of all seeds' validation predictions together (the kept epoch of each; runs trained since 2026-12-05 or given \`ecg eval --validation\`); with patient folds as validation sets (\`data.validationFolds\`) it is the out-of-fold score over every training patient.`,
      'Difference to the full model (this variant minus full; same seed, so the same split and test set): estimate [95 % CI], paired percentile bootstrap over records/patients, 500 resamples. "Mean over seeds" averages the per-seed differences, each seed\'s records/patients resampled within its own test set (stratified bootstrap). A CI that spans 0 means the switch made no difference these test sets can show.',
      ...drift,
    ],
    columns: ['variant', 'seeds', 'seed list', ...metrics.flatMap((m) => [`mean ${m.name}`, `${m.name} per seed`, `${m.name} vs full, mean over seeds [95 % CI]`, `${m.name} vs full per seed`]), `mean validation ${monitor}`, `validation ${monitor} per seed`, `validation ${metrics[0].name}, seeds pooled`, 'from'],
    rows,
  };
}

/** Aggregate runs/ and the archive into one ablation table per experiment; with --full, train every run of the configs first. */
export const runsStep: ReproductionStep = {
  name: 'runs',
  ownsTablePrefix: 'runs-',
  description: 'aggregate runs/ and results/run-archive/ (experiments x variants x seeds) into ablation tables with paired bootstrap CIs of the difference to the full model; --full trains every variant and seed of the configs first',
  async run(ctx) {
    const out: StepOutput = { tables: [], notes: [] };
    const runsRoot = ctx.runsRoot ?? defaultRunsRoot();
    const selected = ctx.experiments?.length ? ctx.experiments : listExperimentNames();
    if (ctx.full) {
      if (isBundledSample(ctx.dataRoot) && !ctx.quick) throw new EcgDataError('BAD_ARGUMENT', 'ecg reproduce --full', 'the bundled sample holds a few records per data set, too few to train on: give a data root with the data sets (--data-root or ECG_DATA_ROOT), or add --quick to check the pipeline');
      const plan = planFullRuns(selected, runsRoot, Boolean(ctx.quick));
      const trained = await trainPlannedRuns(plan, { dataRoot: ctx.dataRoot, runsRoot, quick: Boolean(ctx.quick), log: ctx.log });
      out.notes.push(`--full${ctx.quick ? ' --quick' : ''}: ${trained.length} runs trained, ${plan.length - trained.length} already finished in ${runsRoot} (${selected.join(', ')}).${ctx.quick ? ' Quick runs check the pipeline and are left out of the tables.' : ''} The committed models in pretrained/ are not replaced: \`ecg export --run <run folder> --name <model>\` does that.`);
    }
    // the run folders were trained on whatever data their environment.json records, not on this data root
    if (ctx.dataRoot.source === 'bundled-sample') out.notes.push('These tables aggregate the trained run folders in runs/ and results/run-archive/ as they are (each run\'s environment.json records the data it was trained and tested on): they are not computed from the bundled sample.');
    // runs/ first (this machine's runs), then the committed archive of earlier sessions' runs
    const roots = [runsRoot, defaultArchiveRoot()];
    const runs = finishedRuns(roots);
    // the full model's predictions are compared with every variant: parse each file once
    const parsed = new Map<string, RunPredictions>();
    const read = (dir: string): RunPredictions => {
      if (!parsed.has(dir)) parsed.set(dir, readPredictions(predictionsFileOf(dir)!));
      return parsed.get(dir)!;
    };
    if (runs.size === 0) out.notes.push('no finished run folders under runs/ or results/run-archive/: `npx ecg train --experiment NAME --variant V --seed N` writes them');
    // every experiment's tables, whichever were named: the named ones only limit what --full trains
    for (const [exp, variants] of runs) {
      out.tables.push(ablationTable(exp, variants, { archiveRoot: roots[1], read }));
      const ensembles = ensembleTable(exp, variants, read, readValidationPredictions, ensembleOptionsOf(exp));
      if (ensembles) out.tables.push(ensembles);
      // an experiment on 12 leads whose HMIC 8-lead twin has runs: what the dropped leads change
      const eight = runs.get(`${exp}${HMIC8_SUFFIX}`);
      const leadSets = eight ? leadSetTable(exp, variants, eight, read) : null;
      if (leadSets) out.tables.push(leadSets);
    }
    return out;
  },
};
