import { resolve } from 'node:path';
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { EcgDataError, resolveDataRoot } from '@efficientecg/datasets';
import type { EpochRecord, TrainEvent } from '@efficientecg/models';
import { listExperimentNames, loadExperimentConfig } from '../../config';
import { trainRun } from '../../train';
import { emit } from '../output';

interface TrainCliOptions {
  experiment: string;
  variant: string;
  seed: string;
  quick?: boolean;
  resume?: boolean;
  backend?: string;
  epochs?: string;
  workers?: string;
  runsDir?: string;
  json?: boolean;
}

/** A progress bar per epoch on stderr: loss, step, ETA; one line per finished epoch. */
export function progressReporter(enabled: boolean): (e: TrainEvent) => void {
  let bar: SingleBar | null = null;
  return (e) => {
    if (!enabled) return;
    if (e.type === 'epoch-start') {
      bar = new SingleBar({ format: `epoch ${e.epoch + 1}/${e.epochs} [{bar}] {value}/{total} steps | loss {loss} | lr ${e.learningRate.toExponential(2)} | ETA {eta_formatted}`, stream: process.stderr, hideCursor: false,
        // logs redirected to a file (long runs under nohup) still get a progress line every 30 s
        noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 30_000 });
      bar.start(e.steps, 0, { loss: '-' });
    } else if (e.type === 'batch') bar?.update(e.step, { loss: e.loss.toFixed(4) });
    else if (e.type === 'epoch-end') {
      bar?.stop();
      const r = e.record;
      process.stderr.write(
        `epoch ${r.epoch}: train loss ${r.trainLoss.toFixed(4)}, val loss ${r.valLoss.toFixed(4)}, val macro-F1 ${r.valMacroF1.toFixed(3)}, val score ${r.valScore.toFixed(3)}${e.improved ? ' (best)' : ''}, ${r.seconds.toFixed(0)} s${phasesOf(r)}\n`,
      );
    } else if (e.type === 'early-stop') process.stderr.write(`early stop after epoch ${e.epoch} (best epoch ${e.bestEpoch})\n`);
  };
}

/** " (steps 140, batch-norm 8, validation 11)" when the record has its phases. */
function phasesOf(r: EpochRecord): string {
  if (r.trainSeconds === undefined) return '';
  return ` (steps ${r.trainSeconds.toFixed(0)}, batch-norm ${r.recalibrationSeconds!.toFixed(0)}, validation ${r.validationSeconds!.toFixed(0)})`;
}

export function register(program: Command): void {
  program
    .command('train')
    .description('train one variant of an experiment into runs/<experiment>/<variant>/seed-<n>/ and evaluate it on the test split')
    .requiredOption('--experiment <name>', `experiment config (${listExperimentNames().join(', ')})`)
    .option('--variant <name>', 'variant of the config (full, no-se, no-lstm-ae, no-fusion, baselines...)', 'full')
    .option('--seed <n>', 'seed of the split, initialisation and shuffling', '0')
    .option('--quick', 'a short run that exercises the whole pipeline (written under <variant>-quick/)')
    .option('--resume', 'continue from the run folder\'s last checkpoint')
    .option('--epochs <n>', "override the config's epochs (with --quick too)")
    .option('--workers <n>', "override the config's data-parallel worker threads (wasm)")
    .option('--runs-dir <dir>', 'where run folders go (default: runs/ in the workspace)')
    .option('--backend <name>', 'tfjs backend: auto, tensorflow-gpu, tensorflow, wasm, cpu (default: $ECG_TF_BACKEND, else auto)')
    .option('--json', 'print the run summary as JSON')
    .action(async (opts: TrainCliOptions, cmd: Command) => {
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed) || seed < 0) throw new EcgDataError('BAD_ARGUMENT', 'ecg train --seed', `must be a non-negative integer, got "${opts.seed}"`);
      loadExperimentConfig(opts.experiment); // fail fast on an unknown or invalid config
      const epochs = opts.epochs === undefined ? undefined : Number(opts.epochs);
      if (epochs !== undefined && !(Number.isInteger(epochs) && epochs > 0)) throw new EcgDataError('BAD_ARGUMENT', 'ecg train --epochs', `must be a positive integer, got "${opts.epochs}"`);
      const workers = opts.workers === undefined ? undefined : Number(opts.workers);
      if (workers !== undefined && !(Number.isInteger(workers) && workers > 0)) throw new EcgDataError('BAD_ARGUMENT', 'ecg train --workers', `must be a positive integer, got "${opts.workers}"`);
      const dataRoot = resolveDataRoot(cmd.optsWithGlobals().dataRoot as string | undefined);
      const log = (m: string) => process.stderr.write(`${m}\n`);
      log(`data root: ${dataRoot.path} (${dataRoot.source})`);
      const r = await trainRun({
        experiment: opts.experiment,
        variant: opts.variant,
        seed,
        quick: Boolean(opts.quick),
        resume: Boolean(opts.resume),
        backend: opts.backend,
        epochs,
        workers,
        runsRoot: opts.runsDir ? resolve(opts.runsDir) : undefined,
        dataRoot,
        log,
        onTrainEvent: progressReporter(!opts.json && process.stderr.isTTY !== false),
      });
      emit(opts, { runDir: r.runDir, seconds: r.seconds, epochs: r.history.length, summary: r.metrics.summary }, () =>
        [
          `run: ${r.runDir} (${r.history.length} epochs, ${r.seconds.toFixed(0)} s)`,
          ...Object.entries(r.metrics.summary).map(([k, ci]) => `${k}: ${ci.estimate.toFixed(3)} (95 % CI ${ci.low.toFixed(3)}-${ci.high.toFixed(3)}, ${ci.unit})`),
        ].join('\n'),
      );
    });
}
