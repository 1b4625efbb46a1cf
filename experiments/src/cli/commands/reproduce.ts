import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EcgDataError, resolveDataRoot } from '@efficientecg/datasets';
import { reproduce, reproductionSteps, selectSteps } from '../../reproduce';
import { emit } from '../output';

interface ReproduceCliOptions {
  full?: boolean;
  seed?: string;
  out?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('reproduce')
    .description(`regenerate the tables and figures into results/ (steps: ${reproductionSteps.map((s) => s.name).join(', ')})`)
    .argument('[steps...]', 'steps to run (default: all)')
    .option('--full', 'retrain instead of evaluating the committed models (steps that train)')
    .option('--seed <n>', 'seed for splits and training', '0')
    .option('--out <dir>', 'output folder (default results/, or results/sample/ on the bundled sample)')
    .option('--json', 'print a JSON summary')
    .action(async (names: string[], opts: ReproduceCliOptions, cmd: Command) => {
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) throw new EcgDataError('BAD_ARGUMENT', 'ecg reproduce', `--seed must be an integer, got "${opts.seed}"`);
      const dataRoot = resolveDataRoot(cmd.optsWithGlobals().dataRoot as string | undefined);
      const log = opts.json ? () => {} : (m: string) => process.stderr.write(`${m}\n`);
      log(`data root: ${dataRoot.path} (${dataRoot.source})`);
      const summary = await reproduce({
        dataRoot,
        steps: selectSteps(names),
        seed,
        full: Boolean(opts.full),
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
