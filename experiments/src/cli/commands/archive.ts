import { resolve } from 'node:path';
import type { Command } from 'commander';
import { archiveFinishedRuns, archiveRun, defaultArchiveRoot, defaultRunsRoot, type ArchivedRun } from '../../runs';
import { displayPath } from '../../reproduce/display-path';
import { emit, formatTable } from '../output';

interface ArchiveCliOptions {
  run?: string;
  runsDir?: string;
  to?: string;
  experiment?: string[];
  withModel?: string[];
  json?: boolean;
}

/** "experiment/variant/seed-n" patterns; "*" matches any one part. */
export function modelSelector(patterns: readonly string[]): (experiment: string, variant: string, seed: number) => boolean {
  const parsed = patterns.map((p) => p.split('/'));
  const part = (pattern: string | undefined, value: string) => pattern === undefined || pattern === '*' || pattern === value;
  return (experiment, variant, seed) => parsed.some(([e, v, s]) => part(e, experiment) && part(v, variant) && part(s, `seed-${seed}`));
}

export function register(program: Command): void {
  program
    .command('archive')
    .description('copy finished run folders (config, environment, history, metrics, predictions; no checkpoints) into results/run-archive/, which is committed, so the runs tables keep runs from earlier machines')
    .option('--run <dir>', 'one run folder (default: every finished run under --runs-dir)')
    .option('--runs-dir <dir>', 'where the runs are', defaultRunsRoot())
    .option('--to <dir>', 'archive folder', defaultArchiveRoot())
    .option('--experiment <name...>', 'only these experiments')
    .option('--with-model <pattern...>', 'also keep best-model/ of runs matching experiment/variant/seed-n ("*" for any part), e.g. ptbxl-normal-abnormal/full/seed-0')
    .option('--json', 'print what was archived as JSON')
    .action(async (opts: ArchiveCliOptions) => {
      const to = resolve(opts.to ?? defaultArchiveRoot());
      const withModel = modelSelector(opts.withModel ?? []);
      const done: ArchivedRun[] = opts.run
        ? [await archiveRun(resolve(opts.run), to, { withModel })]
        : await archiveFinishedRuns(resolve(opts.runsDir ?? defaultRunsRoot()), to, { experiments: opts.experiment, withModel });
      emit(opts, done, () =>
        done.length === 0
          ? 'no finished runs to archive'
          : formatTable(
              ['experiment', 'variant', 'seed', 'kB', 'model', 'to'],
              done.map((r) => [r.experiment, r.variant, r.seed, Math.round(r.bytes / 1024), r.withModel ? 'yes' : 'no', displayPath(r.to)]),
            ),
      );
    });
}
