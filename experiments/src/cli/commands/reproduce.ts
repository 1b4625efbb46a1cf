import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EcgDataError, resolveDataRoot } from '@efficientecg/datasets';
import { reproduce, reproductionSteps, splitReproduceNames } from '../../reproduce';
import { emit } from '../output';

interface ReproduceCliOptions {
  full?: boolean;
  quick?: boolean;
  runsDir?: string;
  seed?: string;
  out?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('reproduce')
    .description(`regenerate the tables and figures into results/ (steps: ${reproductionSteps.map((s) => s.name).join(', ')})`)
    .argument('[names...]', 'steps to run (default: all) and experiments --full trains (default: every config)')
    .option('--full', 'train every variant and seed of the experiment configs first (runs already finished in the runs folder are kept, interrupted ones resume), then build the tables')
    .option('--quick', 'with --full: train the --quick versions, a check of the pipeline (not aggregated)')
    .option('--runs-dir <dir>', 'run folders (default: runs/ in the workspace)')
    .option('--seed <n>', 'seed for splits and training', '0')
    .option('--out <dir>', 'output folder (default results/, or results/sample/ on the bundled sample)')
    .option('--json', 'print a JSON summary')
    .action(async (names: string[], opts: ReproduceCliOptions, cmd: Command) => {
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) throw new EcgDataError('BAD_ARGUMENT', 'ecg reproduce', `--seed must be an integer, got "${opts.seed}"`);
      const dataRoot = resolveDataRoot(cmd.optsWithGlobals().dataRoot as string | undefined);
      const log = opts.json ? () => {} : (m: string) => process.stderr.write(`${m}\n`);
      log(`data root: ${dataRoot.path} (${dataRoot.source})`);
      if (opts.quick && !opts.full) throw new EcgDataError('BAD_ARGUMENT', 'ecg reproduce --quick', 'only goes with --full (it trains the quick versions of the runs)');
      const { steps, experiments } = splitReproduceNames(names);
      const summary = await reproduce({
        dataRoot,
        steps,
        seed,
        full: Boolean(opts.full),
        quick: Boolean(opts.quick),
        experiments,
        runsRoot: opts.runsDir ? resolve(opts.runsDir) : undefined,
        outDir: opts.out ? resolve(opts.out) : undefined,
        log,
      });
      emit(opts, summary, () =>
        [
          ...summary.steps.flatMap((s) => [
            ...s.notes.map((n) => `note: ${n}`),
            ...s.tables.map((t) => `wrote ${t.title}: ${t.files.join(', ')}`),
          ]),
          `index: ${resolve(summary.outDir, 'README.md')}`,
        ].join('\n'),
      );
    });
}
