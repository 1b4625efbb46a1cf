import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedDataRoot } from '@efficientecg/datasets';
import { loadExperimentConfig } from '../config';
import { isFinishedRun, runDir } from '../runs';
import { trainRun } from '../train';

/** One run that `ecg reproduce --full` owes: an experiment's variant and seed, and how far it got. */
export interface PlannedRun {
  experiment: string;
  variant: string;
  seed: number;
  dir: string;
  /** finished: skipped; resume: continues from its last checkpoint; new: trained from scratch. */
  state: 'finished' | 'resume' | 'new';
}

/**
 * Every variant x seed of the experiments' configs, in config order, with the state of its run
 * folder under `runsRoot`. Runs only in the archive count as not trained: --full retrains them
 * on this machine; runs already finished in `runsRoot` are kept, so an interrupted --full goes
 * on where it stopped when started again.
 */
export function planFullRuns(experiments: readonly string[], runsRoot: string, quick: boolean): PlannedRun[] {
  return experiments.flatMap((experiment) => {
    const config = loadExperimentConfig(experiment);
    return Object.keys(config.variants).flatMap((variant) =>
      config.seeds.map((seed): PlannedRun => {
        const dir = runDir(experiment, variant + (quick ? '-quick' : ''), seed, runsRoot);
        const state = isFinishedRun(dir) ? 'finished' : existsSync(join(dir, 'checkpoints', 'latest.json')) ? 'resume' : 'new';
        return { experiment, variant, seed, dir, state };
      }),
    );
  });
}

/** Train the planned runs that are not finished, one after another (each resumes from its checkpoint if it has one). */
export async function trainPlannedRuns(plan: readonly PlannedRun[], o: { dataRoot: ResolvedDataRoot; runsRoot: string; quick: boolean; log(m: string): void }): Promise<PlannedRun[]> {
  const todo = plan.filter((r) => r.state !== 'finished');
  for (const [i, r] of todo.entries()) {
    o.log(`--full: run ${i + 1} of ${todo.length}: ${r.experiment} ${r.variant} seed ${r.seed}${r.state === 'resume' ? ' (resuming)' : ''}`);
    await trainRun({
      experiment: r.experiment,
      variant: r.variant,
      seed: r.seed,
      quick: o.quick,
      dataRoot: o.dataRoot,
      resume: true,
      runsRoot: o.runsRoot,
      log: o.log,
      onTrainEvent: (e) => {
        if (e.type === 'epoch-end') o.log(`  epoch ${e.record.epoch}: train loss ${e.record.trainLoss.toFixed(4)}, val loss ${e.record.valLoss.toFixed(4)}, val score ${e.record.valScore.toFixed(3)}${e.improved ? ' (best)' : ''}`);
      },
    });
  }
  return todo;
}
