import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPredictions } from '../results/predictions';
import { runCli } from '../cli/testing/run-cli';
import { archiveFinishedRuns, archiveRun, GZIP_PREDICTIONS_ABOVE_BYTES } from './archive';
import { finishedRuns, validationPredictionsFileOf } from './finished';

const tmp = mkdtempSync(join(tmpdir(), 'ecg-archive-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A run folder as `ecg train` leaves it: the archived files, checkpoints and the best model. */
function fakeRun(root: string, experiment: string, variant: string, seed: number, options: { rows?: number; quick?: boolean } = {}): string {
  const dir = join(root, experiment, options.quick ? `${variant}-quick` : variant, `seed-${seed}`);
  mkdirSync(join(dir, 'checkpoints', 'epoch-1'), { recursive: true });
  mkdirSync(join(dir, 'best-model'), { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ experiment, variant, seed, quick: Boolean(options.quick) }));
  writeFileSync(join(dir, 'environment.json'), JSON.stringify({ backend: { name: 'wasm' } }));
  writeFileSync(join(dir, 'history.json'), JSON.stringify({ epochs: [{ epoch: 1 }] }));
  writeFileSync(join(dir, 'history.csv'), 'epoch\n1\n');
  writeFileSync(join(dir, 'metrics.json'), JSON.stringify({ examples: options.rows ?? 3 }));
  writeFileSync(join(dir, 'checkpoints', 'epoch-1', 'weights.bin'), Buffer.alloc(4096, 7));
  writeFileSync(join(dir, 'best-model', 'model.json'), '{}');
  writeFileSync(join(dir, 'best-model', 'weights.bin'), Buffer.alloc(2048, 1));
  const lines = ['id,group,label,p_Normal,p_Abnormal'];
  for (let i = 0; i < (options.rows ?? 3); i++) lines.push(`rec${i},patient${i % 97},${i % 3 ? 'Abnormal' : 'Normal'},${((i % 10) / 10).toFixed(6)},${(1 - (i % 10) / 10).toFixed(6)}`);
  writeFileSync(join(dir, 'predictions.csv'), lines.join('\n') + '\n');
  return dir;
}

describe('run archive', () => {
  it('keeps config, environment, history, metrics and predictions, no checkpoints; the model only when asked', async () => {
    const runs = join(tmp, 'a-runs');
    const archive = join(tmp, 'a-archive');
    const dir = fakeRun(runs, 'ptbxl-normal-abnormal', 'full', 0);
    const r = await archiveRun(dir, archive);
    expect(r.to).toBe(join(archive, 'ptbxl-normal-abnormal', 'full', 'seed-0'));
    expect(readdirSync(r.to).sort()).toEqual(['config.json', 'environment.json', 'history.csv', 'history.json', 'metrics.json', 'predictions.csv']);
    expect(readFileSync(join(r.to, 'predictions.csv'), 'utf8')).toBe(readFileSync(join(dir, 'predictions.csv'), 'utf8'));
    const withModel = await archiveRun(dir, archive, { withModel: true });
    expect(withModel.withModel).toBe(true);
    expect(readFileSync(join(withModel.to, 'best-model', 'weights.bin')).length).toBe(2048);
    expect(existsSync(join(withModel.to, 'checkpoints'))).toBe(false);
  });
  it('archiving again without --with-model keeps a model kept before, unless the run was retrained and lost its model', async () => {
    const runs = join(tmp, 'k-runs');
    const archive = join(tmp, 'k-archive');
    const dir = fakeRun(runs, 'cinc2017', 'full', 1);
    await archiveRun(dir, archive, { withModel: true });
    // the run folder still has its model: the archive copies it again
    const again = await archiveRun(dir, archive);
    expect(again.withModel).toBe(true);
    expect(readFileSync(join(again.to, 'best-model', 'weights.bin')).length).toBe(2048);
    // the run folder lost its model (another machine): the archived one is of this very run, so it stays
    rmSync(join(dir, 'best-model'), { recursive: true });
    expect((await archiveRun(dir, archive)).withModel).toBe(true);
    expect(existsSync(join(again.to, 'best-model', 'model.json'))).toBe(true);
    // retrained (other metrics) without a model: the archived model is of the earlier run and goes
    writeFileSync(join(dir, 'metrics.json'), JSON.stringify({ examples: 4 }));
    expect((await archiveRun(dir, archive)).withModel).toBe(false);
    expect(existsSync(join(again.to, 'best-model'))).toBe(false);
  });

  it('keeps the validation predictions when the run wrote them (gzipped when large, as the test predictions)', async () => {
    const runs = join(tmp, 'v-runs');
    const archive = join(tmp, 'v-archive');
    const dir = fakeRun(runs, 'mitdb-inter-patient', 'full', 2);
    writeFileSync(join(dir, 'validation-predictions.csv'), 'id,group,label,p_N,p_S\nb1,r101,N,0.9,0.1\n' + 'b2,r101,S,0.4,0.6\n'.repeat(60_000));
    const r = await archiveRun(dir, archive);
    expect(readdirSync(r.to).sort()).toEqual(['config.json', 'environment.json', 'history.csv', 'history.json', 'metrics.json', 'predictions.csv', 'validation-predictions.csv.gz']);
    expect(validationPredictionsFileOf(r.to)).toBe(join(r.to, 'validation-predictions.csv.gz'));
    expect(readPredictions(validationPredictionsFileOf(r.to)!)).toEqual(readPredictions(join(dir, 'validation-predictions.csv')));
    expect(validationPredictionsFileOf(fakeRun(runs, 'mitdb-inter-patient', 'full', 3))).toBeNull();
  });
  it('gzips large predictions (byte-identical on re-archiving) and readPredictions reads them back unchanged', async () => {
    const runs = join(tmp, 'b-runs');
    const archive = join(tmp, 'b-archive');
    const dir = fakeRun(runs, 'mitdb-inter-patient', 'full', 1, { rows: 30_000 });
    expect(readFileSync(join(dir, 'predictions.csv')).length).toBeGreaterThan(GZIP_PREDICTIONS_ABOVE_BYTES);
    const r = await archiveRun(dir, archive);
    expect(existsSync(join(r.to, 'predictions.csv'))).toBe(false);
    const gz = readFileSync(join(r.to, 'predictions.csv.gz'));
    expect(gz.length).toBeLessThan(GZIP_PREDICTIONS_ABOVE_BYTES / 2);
    expect(readPredictions(join(r.to, 'predictions.csv.gz'))).toEqual(readPredictions(join(dir, 'predictions.csv')));
    await archiveRun(dir, archive);
    expect(readFileSync(join(r.to, 'predictions.csv.gz')).equals(gz)).toBe(true);
  });
  it('refuses --quick runs and unfinished runs, naming the folder or file', async () => {
    const runs = join(tmp, 'c-runs');
    const quick = fakeRun(runs, 'cinc2017', 'full', 0, { quick: true });
    await expect(archiveRun(quick, join(tmp, 'c-archive'))).rejects.toThrow(/--quick run .*not archived/);
    const unfinished = fakeRun(runs, 'cinc2017', 'full', 3);
    rmSync(join(unfinished, 'metrics.json'));
    await expect(archiveRun(unfinished, join(tmp, 'c-archive'))).rejects.toThrow(join(unfinished, 'metrics.json'));
    expect(existsSync(join(tmp, 'c-archive', 'cinc2017', 'full', 'seed-3'))).toBe(false);
  });
  it('archives every finished run of a runs folder, and the archive is found like a runs folder', async () => {
    const runs = join(tmp, 'd-runs');
    const archive = join(tmp, 'd-archive');
    for (const seed of [0, 1, 2]) fakeRun(runs, 'ptbxl-normal-abnormal', 'no-se', seed);
    fakeRun(runs, 'ptbxl-normal-abnormal', 'full', 0, { quick: true }); // left out
    const done = await archiveFinishedRuns(runs, archive, { withModel: (e, v, s) => s === 1 });
    expect(done.map((d) => `${d.variant}/${d.seed}/${d.withModel}`)).toEqual(['no-se/0/false', 'no-se/1/true', 'no-se/2/false']);
    expect([...finishedRuns(archive).get('ptbxl-normal-abnormal')!.get('no-se')!.keys()]).toEqual([0, 1, 2]);
  });
  it('`ecg archive` archives a runs folder and keeps the models its --with-model patterns name', () => {
    const runs = join(tmp, 'e-runs');
    const archive = join(tmp, 'e-archive');
    fakeRun(runs, 'cinc2017', 'full', 0);
    fakeRun(runs, 'cinc2017', 'no-se', 0);
    const r = runCli(['archive', '--runs-dir', runs, '--to', archive, '--with-model', 'cinc2017/full/*', '--json']);
    expect(r.status).toBe(0);
    const done = JSON.parse(r.stdout) as { variant: string; withModel: boolean }[];
    expect(done.map((d) => [d.variant, d.withModel])).toEqual([
      ['full', true],
      ['no-se', false],
    ]);
    const bad = runCli(['archive', '--run', join(runs, 'nope'), '--to', archive]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/nope.*config\.json/);
  }, 60_000);
});
