import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { workspaceRoot } from '@efficientecg/datasets';
import { listExperimentNames, loadExperimentConfig } from '../config';
import { VALIDATION_PREDICTIONS_FILE } from './run-folder';

/** Where `ecg archive` keeps the small artifacts of finished runs (committed, unlike runs/). */
export function defaultArchiveRoot(): string {
  return join(workspaceRoot(), 'results', 'run-archive');
}

export function defaultRunsRoot(): string {
  return join(workspaceRoot(), 'runs');
}

/** Whether `path` is `root` or lies below it (e.g. a run folder in the archive). */
export function isUnder(root: string, path: string): boolean {
  const r = relative(root, path);
  return !r.startsWith('..') && !isAbsolute(r);
}

/** The predictions file of a run folder: predictions.csv, or predictions.csv.gz in an archived run. */
export function predictionsFileOf(dir: string, name = 'predictions.csv'): string | null {
  for (const file of [name, `${name}.gz`]) if (existsSync(join(dir, file))) return join(dir, file);
  return null;
}

/** The validation predictions of a run folder (plain or gzipped), or null for runs that did not write them. */
export const validationPredictionsFileOf = (dir: string): string | null => predictionsFileOf(dir, VALIDATION_PREDICTIONS_FILE);

/**
 * A run folder that trained to the end and was evaluated: its resolved config, history,
 * test metrics and predictions (plain or gzipped) are all there. A killed run lacks some.
 */
export function isFinishedRun(dir: string): boolean {
  return ['config.json', 'history.json', 'metrics.json'].every((f) => existsSync(join(dir, f))) && predictionsFileOf(dir) !== null;
}

/** experiment -> variant -> seed -> run folder. */
export type FinishedRuns = Map<string, Map<string, Map<number, string>>>;

const subdirs = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

/**
 * Every finished run folder `<root>/<experiment>/<variant>/seed-<n>/` (isFinishedRun) of
 * the configs' variants, looked up in `roots` in order: a run in an earlier root hides the same
 * experiment/variant/seed in a later one (runs/ before the archive). Logs, caches (`_lstm-ae`),
 * --quick runs (`<variant>-quick`), renamed folders and unfinished runs are skipped.
 */
export function finishedRuns(roots: string | readonly string[]): FinishedRuns {
  const out: FinishedRuns = new Map();
  const experiments = new Set(listExperimentNames());
  for (const root of typeof roots === 'string' ? [roots] : roots) {
    if (!existsSync(root)) continue;
    for (const exp of subdirs(root)) {
      if (!experiments.has(exp)) continue;
      const variants = new Set(Object.keys(loadExperimentConfig(exp).variants));
      for (const variant of subdirs(join(root, exp))) {
        if (!variants.has(variant)) continue;
        for (const seedDir of subdirs(join(root, exp, variant))) {
          const m = /^seed-(\d+)$/.exec(seedDir);
          const dir = join(root, exp, variant, seedDir);
          if (!m || !isFinishedRun(dir)) continue;
          if (!out.has(exp)) out.set(exp, new Map());
          const byVariant = out.get(exp)!;
          if (!byVariant.has(variant)) byVariant.set(variant, new Map());
          const bySeed = byVariant.get(variant)!;
          if (!bySeed.has(Number(m[1]))) bySeed.set(Number(m[1]), dir);
        }
      }
    }
  }
  // variants in the config's order (full first), seeds ascending, whichever root they came from
  for (const [exp, variants] of out) {
    const order = Object.keys(loadExperimentConfig(exp).variants);
    const sorted = [...variants].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
    out.set(exp, new Map(sorted.map(([v, seeds]) => [v, new Map([...seeds].sort((a, b) => a[0] - b[0]))])));
  }
  return out;
}
