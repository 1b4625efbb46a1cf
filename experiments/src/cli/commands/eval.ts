import { resolve } from 'node:path';
import type { Command } from 'commander';
import { resolveDataRoot } from '@efficientecg/datasets';
import { evaluateRunDir } from '../../train';
import { emit } from '../output';

export function register(program: Command): void {
  program
    .command('eval')
    .description("re-evaluate a run folder's best model on its test split; rewrites metrics.json and predictions.csv")
    .requiredOption('--run <dir>', 'run folder (runs/<experiment>/<variant>/seed-<n>)')
    .option('--backend <name>', 'tfjs backend: auto, tensorflow-gpu, tensorflow, wasm, cpu')
    .option('--validation', 'also write validation-predictions.csv (the validation split at the kept epoch; runs trained before 2026-12-05 lack it)')
    .option('--json', 'print the metrics as JSON')
    .action(async (opts: { run: string; backend?: string; validation?: boolean; json?: boolean }, cmd: Command) => {
      const dataRoot = resolveDataRoot(cmd.optsWithGlobals().dataRoot as string | undefined);
      const metrics = await evaluateRunDir(resolve(opts.run), { dataRoot, backend: opts.backend, validation: opts.validation, log: (m) => process.stderr.write(`${m}\n`) });
      emit(opts, metrics, () =>
        [
          `${metrics.examples} test examples, ${metrics.groups} ${metrics.groupUnit}`,
          ...Object.entries(metrics.summary).map(([k, ci]) => `${k}: ${ci.estimate.toFixed(3)} (95 % CI ${ci.low.toFixed(3)}-${ci.high.toFixed(3)})`),
        ].join('\n'),
      );
    });
}
