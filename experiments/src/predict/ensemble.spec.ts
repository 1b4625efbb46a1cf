import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledSampleRoot } from '@efficientecg/datasets';
import { initBackend } from '@efficientecg/models';
import { loadExperimentConfig, resolveRunConfig } from '../config';
import { runCli } from '../cli/testing/run-cli';
import { evaluateOnTest } from '../train/train-run';
import { prepareExperimentData } from '../train/prepare-data';
import { ENSEMBLE_FILE } from './metadata';
import { loadPredictor } from './predict';

// Two --quick CinC 2017 runs (seeds 0 and 1) on the bundled sample: data.splitSeed gives both
// one test set, so they can form a seed ensemble.
const tmp = mkdtempSync(join(tmpdir(), 'ecg-ensemble-'));
const runs = join(tmp, 'runs');
const runOf = (seed: number) => join(runs, 'cinc2017', 'full-quick', `seed-${seed}`);
const record = join(bundledSampleRoot(), 'cinc2017', 'A00001');
type RecordLine = { record: string; label: string; probs: Record<string, number> };
const predict = (model: string): RecordLine => {
  const r = runCli(['predict', '--model', model, '--backend', 'wasm', '--json', record]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim()) as RecordLine;
};
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('ecg export with several runs: a seed ensemble predictor', () => {
  beforeAll(() => {
    for (const seed of [0, 1]) {
      const t = runCli(['--data-root', bundledSampleRoot(), 'train', '--experiment', 'cinc2017', '--variant', 'full', '--seed', String(seed), '--quick', '--runs-dir', runs, '--backend', 'wasm']);
      expect(t.status, t.stderr).toBe(0);
    }
  }, 600_000);

  it('writes ensemble.json and one model folder per seed; predicts the mean of the members\' probabilities', () => {
    const ens = join(tmp, 'ens');
    const e = runCli(['export', '--run', runOf(0), '--run', runOf(1), '--name', 'ens', '--to', ens]);
    expect(e.status, e.stderr).toBe(0);
    expect(e.stdout).toMatch(/a seed ensemble of seeds 0, 1/);
    const manifest = JSON.parse(readFileSync(join(ens, ENSEMBLE_FILE), 'utf8'));
    expect(manifest.members).toEqual(['seed-0', 'seed-1']);
    expect(manifest.predictor).toMatchObject({ kind: 'record', experiment: 'cinc2017', variant: 'full', seeds: [0, 1] });
    expect(existsSync(join(ens, 'seed-0', 'model.json')) && existsSync(join(ens, 'seed-1', 'weights.bin'))).toBe(true);
    expect(existsSync(join(ens, 'model.json'))).toBe(false);
    const card = readFileSync(join(ens, 'model-card.md'), 'utf8');
    expect(card).toMatch(/a seed ensemble of 2 models/);
    expect(card).toMatch(/seeds 0, 1, which share one test set/);
    expect(card).toMatch(/## Members[\s\S]*\| 0 \|[\s\S]*\| 1 \|/);

    for (const seed of [0, 1]) expect(runCli(['export', '--run', runOf(seed), '--name', `s${seed}`, '--to', join(tmp, `s${seed}`)]).status).toBe(0);
    const [a, b, mean] = [predict(join(tmp, 's0')), predict(join(tmp, 's1')), predict(ens)];
    for (const c of Object.keys(mean.probs)) expect(mean.probs[c]).toBeCloseTo((a.probs[c] + b.probs[c]) / 2, 5);
    // two differently seeded models disagree somewhere, so the mean is neither member
    expect(Object.keys(a.probs).some((c) => Math.abs(a.probs[c] - b.probs[c]) > 1e-4)).toBe(true);
  }, 300_000);

  it('its metrics.json (from the members\' test predictions) matches the loaded ensemble scored on the rebuilt test split', async () => {
    const ens = join(tmp, 'ens');
    const saved = JSON.parse(readFileSync(join(ens, 'metrics.json'), 'utf8'));
    expect(saved.members.map((m: { seed: number }) => m.seed)).toEqual([0, 1]);
    await initBackend({ backend: 'wasm' });
    const p = await loadPredictor(ens);
    expect(p.members).toBe(2);
    const run = resolveRunConfig(loadExperimentConfig('cinc2017'), { variant: 'full', seed: 1, quick: true });
    const data = prepareExperimentData(run, bundledSampleRoot(), () => {}, { only: 'test' });
    const { metrics } = await evaluateOnTest(p.model, p.meta.inputNames, data, run);
    p.model.dispose();
    expect(metrics.examples).toBe(saved.examples);
    expect(metrics.summary.accuracy.estimate).toBeCloseTo(saved.summary.accuracy.estimate, 9);
    expect(metrics.cinc2017!.score).toBeCloseTo(saved.cinc2017.score, 9);
  }, 300_000);

  it('the model card names each member\'s commit, and the members trained before dropout masks were seeded', () => {
    const ens = join(tmp, 'ens');
    const card = readFileSync(join(ens, 'model-card.md'), 'utf8');
    const commit = JSON.parse(readFileSync(join(runOf(0), 'environment.json'), 'utf8')).git.commit as string | null;
    expect(card).toMatch(/\| seed \| best epoch \| minutes \| commit \|/);
    if (commit) expect(card).toContain(`| ${commit.slice(0, 7)} |`);
    expect(card).not.toMatch(/before dropout and DropConnect masks were drawn/);
    expect(card).toMatch(/tfjs [\d.]+; commits per member below\./);
    // a run folder from before the masks were seeded carries no seededMasks in its environment
    const old = join(tmp, 'old-seed-1');
    cpSync(runOf(1), old, { recursive: true });
    const env = JSON.parse(readFileSync(join(old, 'environment.json'), 'utf8'));
    delete env.seededMasks;
    writeFileSync(join(old, 'environment.json'), JSON.stringify(env));
    expect(runCli(['export', '--run', runOf(0), '--run', old, '--name', 'mixed', '--to', join(tmp, 'mixed')]).status).toBe(0);
    expect(readFileSync(join(tmp, 'mixed', 'model-card.md'), 'utf8')).toMatch(/Member with seed 1 was trained before dropout and DropConnect masks were drawn from the run seed/);
    expect(runCli(['export', '--run', old, '--name', 'old', '--to', join(tmp, 'old')]).status).toBe(0);
    expect(readFileSync(join(tmp, 'old', 'model-card.md'), 'utf8')).toMatch(/This model was trained before dropout and DropConnect masks were drawn/);
  }, 120_000);

  it('refuses members that differ in how records become inputs, repeat a seed, or were tested on other records', () => {
    const other = join(tmp, 'other-fs');
    cpSync(runOf(1), other, { recursive: true });
    const config = JSON.parse(readFileSync(join(other, 'config.json'), 'utf8'));
    config.data.fs = 300;
    writeFileSync(join(other, 'config.json'), JSON.stringify(config));
    const fs = runCli(['export', '--run', runOf(0), '--run', other, '--name', 'x', '--to', join(tmp, 'x1')]);
    expect(fs.status).not.toBe(0);
    expect(fs.stderr).toMatch(/other-fs: BAD_ARGUMENT: cannot join an ensemble with .*seed-0: fs is 300 here and 150 there/);
    const twice = runCli(['export', '--run', runOf(0), '--run', runOf(0), '--name', 'x', '--to', join(tmp, 'x2')]);
    expect(twice.stderr).toMatch(/seed 0 is already a member/);
    const shifted = join(tmp, 'other-test');
    cpSync(runOf(1), shifted, { recursive: true });
    const lines = readFileSync(join(shifted, 'predictions.csv'), 'utf8').trim().split('\n');
    writeFileSync(join(shifted, 'predictions.csv'), lines.slice(0, -1).join('\n') + '\n');
    const test = runCli(['export', '--run', runOf(0), '--run', shifted, '--name', 'x', '--to', join(tmp, 'x3')]);
    expect(test.stderr).toMatch(/tested on different examples/);
    // nothing half-written
    for (const d of ['x1', 'x2', 'x3']) expect(existsSync(join(tmp, d))).toBe(false);
  });
});
