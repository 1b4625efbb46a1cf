import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledSampleRoot, workspaceRoot } from '@efficientecg/datasets';
import { readPredictions } from '../../results/predictions';
import { runCli } from '../testing/run-cli';

const runs = mkdtempSync(join(tmpdir(), 'ecg-train-'));
afterAll(() => rmSync(runs, { recursive: true, force: true }));
const base = ['--data-root', bundledSampleRoot(), 'train', '--experiment', 'cinc2017', '--quick', '--runs-dir', runs, '--backend', 'wasm'];
const runDir = join(runs, 'cinc2017', 'full-quick', 'seed-0');

describe('ecg train --quick (CinC 2017 on the bundled sample, wasm)', () => {
  it('a run killed after its first epoch resumes from the checkpoint and finishes with the full history', async () => {
    // start a 3-epoch run and SIGKILL it once epoch 1's checkpoint is on disk
    const child = spawn(process.execPath, [join(workspaceRoot(), 'bin', 'ecg.cjs'), ...base, '--epochs', '3'], { cwd: workspaceRoot(), stdio: 'ignore' });
    const latest = join(runDir, 'checkpoints', 'latest.json');
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (existsSync(latest) && JSON.parse(readFileSync(latest, 'utf8')).epoch >= 1) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 100);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error('the run ended before it could be killed'));
      });
    });
    await new Promise((r) => child.once('exit', r));
    expect(existsSync(join(runDir, 'metrics.json'))).toBe(false);
    const r = runCli([...base, '--epochs', '3', '--resume', '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/resuming after epoch [12]/);
    const history = JSON.parse(readFileSync(join(runDir, 'history.json'), 'utf8'));
    expect(history.epochs.map((e: { epoch: number }) => e.epoch)).toEqual([1, 2, 3]);
    expect(history.resumedFrom).toBeGreaterThanOrEqual(1);
    // the resumed run records the LSTM-AE pretraining the killed process did (from its cache)
    expect(history.lstmAE).toMatchObject({ cached: true, resumed: true });
    expect(history.lstmAE.history).toHaveLength(1);
    const summary = JSON.parse(r.stdout);
    expect(summary.runDir).toBe(runDir);
    for (const f of ['config.json', 'environment.json', 'history.csv', 'metrics.json', 'predictions.csv', 'best-model/model.json']) expect(existsSync(join(runDir, f))).toBe(true);
    const env = JSON.parse(readFileSync(join(runDir, 'environment.json'), 'utf8'));
    expect(env.backend.name).toBe('wasm');
    expect(env.packages['@tensorflow/tfjs']).toBe('4.22.0');
    const metrics = JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8'));
    // training time counts the epochs before the kill as well as the resumed process
    const epochSeconds = (upTo: number) => history.epochs.filter((e: { epoch: number }) => e.epoch <= upTo).reduce((t: number, e: { seconds: number }) => t + e.seconds, 0);
    expect(metrics.resumedFromEpoch).toBe(history.resumedFrom);
    expect(metrics.secondsBeforeResume).toBeCloseTo(epochSeconds(history.resumedFrom), 6);
    expect(metrics.trainingSeconds).toBeGreaterThanOrEqual(epochSeconds(3));
    expect(metrics.examples).toBe(4); // the 4 test records, windows averaged per record
    expect(metrics.summary.cinc2017Score.unit).toBe('records');
    expect(readFileSync(join(runDir, 'predictions.csv'), 'utf8').split('\n')[0]).toBe('id,group,label,p_N,p_A,p_O,p_~');
    // the validation split's predictions at the kept epoch, one row per validation record (windows averaged), none of them a test record
    const config = JSON.parse(readFileSync(join(runDir, 'config.json'), 'utf8'));
    const validation = readPredictions(join(runDir, 'validation-predictions.csv'));
    expect(config.split.validation.length).toBeGreaterThan(0);
    expect([...validation.ids].sort()).toEqual([...config.split.validation].sort());
    expect(validation.classNames).toEqual(['N', 'A', 'O', '~']);
    const testIds = new Set(readPredictions(join(runDir, 'predictions.csv')).ids);
    expect(validation.ids.some((id) => testIds.has(id))).toBe(false);
    // ecg eval rebuilds the split from the run's config and reproduces the test metrics from the saved best model
    const e = runCli(['--data-root', bundledSampleRoot(), 'eval', '--run', runDir, '--backend', 'wasm', '--json']);
    expect(e.status).toBe(0);
    const again = JSON.parse(e.stdout);
    expect(again.summary.cinc2017Score.estimate).toBeCloseTo(metrics.summary.cinc2017Score.estimate, 6);
    expect(again.confusion).toEqual(metrics.confusion);
    // the data root is recorded relative to the workspace: archived metrics carry no machine's absolute folders
    expect(JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8')).evaluatedOn).toBe('sample-data');
    // eval --validation rewrites the validation predictions from the saved best model (for runs trained before they were written)
    rmSync(join(runDir, 'validation-predictions.csv'));
    expect(runCli(['--data-root', bundledSampleRoot(), 'eval', '--run', runDir, '--backend', 'wasm', '--validation']).status).toBe(0);
    const rewritten = readPredictions(join(runDir, 'validation-predictions.csv'));
    expect(rewritten.ids).toEqual(validation.ids);
    rewritten.probs.forEach((row, i) => row.forEach((v, c) => expect(v).toBeCloseTo(validation.probs[i][c], 4)));
    // ecg export + ecg predict: the run's model classifies records of any format and rate
    const predictor = join(runs, 'predictor');
    expect(runCli(['export', '--run', runDir, '--name', 'test', '--to', predictor]).status).toBe(0);
    expect(readFileSync(join(predictor, 'model-card.md'), 'utf8')).toMatch(/--quick run: not a result/);
    // a record classifier's test set is counted once ("4 records"), not as examples and groups
    expect(readFileSync(join(predictor, 'model-card.md'), 'utf8')).toContain('## Test metrics (4 records; 95 %');
    expect(readFileSync(join(predictor, 'model-card.md'), 'utf8')).toContain(`(resumed after epoch ${history.resumedFrom}; the time lost to the interruption is not counted)`);
    const p = runCli(['predict', '--model', predictor, '--backend', 'wasm', '--json', join(bundledSampleRoot(), 'cinc2017', 'A00001'), join(bundledSampleRoot(), 'cinc2021_sample', 'E07500')]);
    expect(p.status).toBe(0);
    const lines = p.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    for (const l of lines) {
      expect(['N', 'A', 'O', '~']).toContain(l.label);
      expect(Object.values(l.probs as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
    expect(runCli(['predict', '--model', join(runs, 'nowhere'), 'x']).status).toBe(2);
  }, 300_000);
  it('rejects an unknown experiment or variant with exit 2', () => {
    expect(runCli(['train', '--experiment', 'nope']).status).toBe(2);
    const r = runCli([...base, '--variant', 'no-fusion']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no variant "no-fusion"/);
  });
});
