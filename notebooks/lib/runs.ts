/**
 * Run folders for the results notebooks (5-7): read what `npx ecg train` wrote, or, when no
 * finished run exists, train a small quick version so the notebook still runs end to end.
 * A quick run is always labelled as such: it exercises the pipeline, it is not a result.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@efficientecg/datasets';
import type { EpochRecord } from '@efficientecg/models';
import { loadExperimentConfig, type ResolvedRunConfig } from '@efficientecg/experiments/src/config';
import { defaultArchiveRoot, defaultRunsRoot, isFinishedRun, readJson, runDir, type RunEnvironment } from '@efficientecg/experiments/src/runs';
import type { TestMetrics } from '@efficientecg/experiments/src/train/metrics-report';
import { RESULTS_DIR_ENV, shownPath, type Notebook } from './index';

export interface RunHistory {
  epochs: EpochRecord[];
  best: { epoch: number; value: number } | null;
  stoppedEarly: boolean;
  lstmAE: { history: number[]; cached: boolean } | null;
}

export interface RunFolder {
  dir: string;
  experiment: string;
  variant: string;
  seed: number;
  /** Trained with --quick: a pipeline check on a few examples, never a result. */
  quick: boolean;
  /** Trained by this notebook just now (no finished run folder existed). */
  trainedNow: boolean;
  config: ResolvedRunConfig & { parameters?: { trainable: number; total: number } };
  history: RunHistory;
  metrics: TestMetrics & { trainingSeconds?: number; bestEpoch?: number | null };
  /** environment.json: backend, versions, git commit, data digests. */
  environment: Partial<RunEnvironment>;
}

export interface RunRequest {
  experiment: string;
  variant: string;
  seed?: number;
}

/** The command that writes the full run folder. */
export function trainCommand(r: RunRequest): string {
  return `npx ecg train --experiment ${r.experiment} --variant ${r.variant} --seed ${r.seed ?? 0}`;
}

function load(dir: string, r: Required<RunRequest>, trainedNow: boolean): RunFolder {
  const config = readJson<RunFolder['config']>(join(dir, 'config.json'));
  return {
    dir,
    experiment: r.experiment,
    variant: r.variant,
    seed: r.seed,
    quick: Boolean(config.quick),
    trainedNow,
    config,
    history: readJson<RunHistory>(join(dir, 'history.json')),
    metrics: readJson<RunFolder['metrics']>(join(dir, 'metrics.json')),
    environment: existsSync(join(dir, 'environment.json')) ? readJson<Partial<RunEnvironment>>(join(dir, 'environment.json')) : {},
  };
}

/**
 * Where a notebook's own quick runs go: runs/_notebooks/ (apart from the CLI's quick runs, which
 * may come from another data root), or a scratch folder in the runner's quick mode (CI).
 */
function quickRunsRoot(env: NodeJS.ProcessEnv): string {
  const scratch = env[RESULTS_DIR_ENV];
  return scratch ? join(scratch, 'runs') : join(workspaceRoot(), 'runs', '_notebooks');
}

/**
 * The finished full run folder for `r`, looked up in `roots` in order (default: runs/, then the
 * committed copies of earlier sessions' runs in results/run-archive/), or null.
 */
export function findRun(r: RunRequest, roots: readonly string[] = [defaultRunsRoot(), defaultArchiveRoot()]): RunFolder | null {
  const req = { seed: 0, ...r };
  for (const root of roots) {
    const dir = runDir(req.experiment, req.variant, req.seed, root);
    if (isFinishedRun(dir)) return load(dir, req, false);
  }
  return null;
}

/**
 * The finished full run for `r`, or else a quick run trained now (`epochs` epochs on the
 * config's quick subset of the current data root). Quick runs are never reused from earlier:
 * one made on another data root (the bundled sample) would be reported as if made on this one.
 * Prints which it is and the command that produces the full run.
 *
 * On the bundled sample some experiments cannot be trained at all (too few records for a
 * split): then this says so and returns null, and the notebook shows what it can. On any other
 * data root a failure is an error.
 */
export async function findOrTrainRun(nb: Notebook, r: RunRequest, options: { epochs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunFolder | null> {
  const env = options.env ?? process.env;
  const req = { seed: 0, ...r };
  const found = findRun(req);
  if (found) {
    console.log(`${req.experiment}/${req.variant} seed ${req.seed}: run read from ${shownPath(found.dir)}`);
    return found;
  }
  const unfinished = runDir(req.experiment, req.variant, req.seed, join(workspaceRoot(), 'runs'));
  console.log(
    `${req.experiment}/${req.variant} seed ${req.seed}: no finished run folder${existsSync(unfinished) ? ` (${shownPath(unfinished)} exists without metrics.json: training still running, or interrupted: add --resume)` : ''}.` +
      `\nThe full run is produced by: ${trainCommand(req)}\nTraining a QUICK run now (the config's quick subset, ${options.epochs ?? 1} epoch(s)): a pipeline check, not a result.`,
  );
  // Loaded only when needed: training pulls in the models and data pipelines.
  const { trainRun } = await import('@efficientecg/experiments/src/train');
  const lines: string[] = [];
  try {
    const result = await trainRun({
      experiment: req.experiment,
      variant: req.variant,
      seed: req.seed,
      quick: true,
      epochs: options.epochs,
      dataRoot: nb.dataRoot,
      resume: false,
      runsRoot: quickRunsRoot(env),
      log: (m) => lines.push(m),
    });
    console.log(lines.filter((l) => /parameters|^wrote/.test(l)).map((l) => l.replace(result.runDir, shownPath(result.runDir))).join('\n'));
    return load(result.runDir, req, true);
  } catch (e) {
    if (!nb.onSample) throw e;
    console.log(`Cannot train ${req.experiment}/${req.variant} on the bundled sample (${(e as Error).message}); set ECG_DATA_ROOT to the full data sets.`);
    return null;
  }
}

/** " (shorter than the experiment's N epochs: preliminary)" when a full run was cut short by overrides. */
function preliminary(run: RunFolder): string {
  const training = run.config.training as RunFolder['config']['training'] & { examplesPerEpoch?: number | null };
  const configured = loadExperimentConfig(run.experiment).training.epochs;
  const notes: string[] = [];
  if (training.epochs < configured) notes.push(`trained with --epochs ${training.epochs} instead of the experiment's ${configured}`);
  if (training.examplesPerEpoch) notes.push(`${training.examplesPerEpoch.toLocaleString('en')} examples per epoch`);
  return notes.length ? ` (**preliminary**: ${notes.join(', ')})` : ' (full training)';
}

/** What to append to a run's name in tables: ', QUICK RUN', ', preliminary run' or ''. */
export function runLabel(run: RunFolder): string {
  return run.quick ? ', QUICK RUN' : preliminary(run).includes('preliminary') ? ', preliminary run' : '';
}

/** Markdown saying what a run is, with a warning on quick runs. */
export function describeRun(run: RunFolder): string {
  const env = run.environment;
  const data = env.data ? Object.entries(env.data).map(([k, d]) => `${k} (${d.files} files, sha256 ${d.sha256.slice(0, 12)})`).join(', ') : 'unknown';
  const head = run.quick
    ? `> **QUICK RUN — not the paper's numbers.** ${run.trainedNow ? 'Trained by this notebook just now' : 'Read from a quick run folder'}: ${run.config.training.epochs} epoch(s) on at most ${run.config.limits.maxTrainExamples} training examples. For the real result run \`${trainCommand(run)}\` and re-run this notebook.`
    : `Run folder \`${shownPath(run.dir)}\`${preliminary(run)}.`;
  const params = run.config.parameters ? `${run.config.parameters.trainable.toLocaleString('en')} trainable parameters; ` : '';
  return `${head}\n\n${run.experiment} / ${run.variant} / seed ${run.seed}: model \`${run.config.model.name}\` (${params}se ${run.config.model.se}, lstmAE ${run.config.model.lstmAE}, fusion ${run.config.model.fusion}); ${run.history.epochs.length} epoch(s), best epoch ${run.history.best?.epoch ?? '-'}; backend ${(env.backend as { name?: string } | null)?.name ?? '?'}; git ${env.git?.commit?.slice(0, 8) ?? '?'}; data ${data}; test set ${run.metrics.examples} examples in ${run.metrics.groups} ${run.metrics.groupUnit}.`;
}
