import type { ResolvedDataRoot } from '@efficientecg/datasets';
import type { ResultTable } from '../results/table';

export interface ReproduceContext {
  dataRoot: ResolvedDataRoot;
  seed: number;
  /** --full: retrain instead of evaluating committed models (steps that train honour it). */
  full: boolean;
  /** Experiments named on the command line: what --full trains (all when absent or empty); tables still cover every experiment. */
  experiments?: readonly string[];
  /** Where run folders are read and --full writes them (default: runs/ in the workspace). */
  runsRoot?: string;
  /** With --full: train the --quick versions, a check of the --full pipeline (quick runs are never aggregated). */
  quick?: boolean;
  log(message: string): void;
}

/** What one step of `ecg reproduce` produced. */
export interface StepOutput {
  tables: ResultTable[];
  /** Things the step could not do on this data root, said plainly (e.g. "DS1 absent from the bundled sample"). */
  notes: string[];
}

/** One paper table, figure or data-set summary that `ecg reproduce` regenerates. */
export interface ReproductionStep {
  name: string;
  description: string;
  /**
   * Table ids starting with this belong to the step alone: files of such tables that a run
   * did not write again are removed (a table whose runs are gone would otherwise stay, stale).
   */
  ownsTablePrefix?: string;
  run(ctx: ReproduceContext): StepOutput | Promise<StepOutput>;
}
