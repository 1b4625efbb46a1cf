import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveDataRoot, bundledSampleRoot } from '@efficientecg/datasets';
import { loadExperimentConfig } from '../config';
import { isFinishedRun } from '../runs';
import { planFullRuns, trainPlannedRuns } from './full-training';

const tmp = mkdtempSync(join(tmpdir(), 'ecg-full-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('reproduce --full: the runs it owes', () => {
  it('every variant x seed of the configs, in config order; finished runs kept, interrupted ones resumed', () => {
    const root = join(tmp, 'plan');
    const finished = join(root, 'cinc2017', 'full', 'seed-0');
    mkdirSync(finished, { recursive: true });
    for (const f of ['config.json', 'history.json', 'metrics.json', 'predictions.csv']) writeFileSync(join(finished, f), '{}');
    mkdirSync(join(root, 'cinc2017', 'no-se', 'seed-0', 'checkpoints'), { recursive: true });
    writeFileSync(join(root, 'cinc2017', 'no-se', 'seed-0', 'checkpoints', 'latest.json'), '{"epoch":3}');
    const config = loadExperimentConfig('cinc2017');
    const plan = planFullRuns(['cinc2017'], root, false);
    expect(plan).toHaveLength(Object.keys(config.variants).length * config.seeds.length);
    expect(plan.slice(0, 2).map((r) => [r.variant, r.seed])).toEqual([['full', 0], ['full', config.seeds[1]]]);
    const stateOf = (variant: string, seed: number) => plan.find((r) => r.variant === variant && r.seed === seed)!.state;
    expect(stateOf('full', 0)).toBe('finished');
    expect(stateOf('no-se', 0)).toBe('resume');
    expect(stateOf('no-se', config.seeds[1])).toBe('new');
    // --quick runs live in <variant>-quick/: the finished full run does not count for them
    expect(planFullRuns(['cinc2017'], root, true).every((r) => r.state === 'new' && r.dir.includes('-quick'))).toBe(true);
  });
  it('trains what is not finished (here one quick CinC 2017 run on the bundled sample), after which the plan calls it finished', async () => {
    const root = join(tmp, 'train');
    const [one] = planFullRuns(['cinc2017'], root, true);
    const logs: string[] = [];
    const trained = await trainPlannedRuns([one], { dataRoot: resolveDataRoot(bundledSampleRoot()), runsRoot: root, quick: true, log: (m) => logs.push(m) });
    expect(trained).toEqual([one]);
    expect(isFinishedRun(one.dir)).toBe(true);
    expect(logs[0]).toBe('--full: run 1 of 1: cinc2017 full seed 0');
    expect(logs.some((l) => /^ {2}epoch 1: train loss \d/.test(l))).toBe(true);
    expect(planFullRuns(['cinc2017'], root, true)[0].state).toBe('finished');
    expect(await trainPlannedRuns(planFullRuns(['cinc2017'], root, true).slice(0, 1), { dataRoot: resolveDataRoot(bundledSampleRoot()), runsRoot: root, quick: true, log: () => {} })).toEqual([]);
  }, 180_000);
});
