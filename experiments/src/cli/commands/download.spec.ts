import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDataRoot, workspaceRoot, type DownloadSummary } from '@efficientecg/datasets';
import { FakePhysioNet } from '@efficientecg/datasets/src/download/fake-physionet';

const root = testDataRoot();

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * `node bin/ecg.cjs ...` from the repository root, asynchronously: the mirror runs in this
 * process, so a blocking spawnSync would never get an answer. `whileRunning` may kill the child.
 */
function ecg(args: string[], whileRunning?: (child: ReturnType<typeof spawn>) => void): Promise<Run> {
  const repo = workspaceRoot();
  const child = spawn(process.execPath, [join(repo, 'bin', 'ecg.cjs'), ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  whileRunning?.(child);
  return new Promise((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })));
}

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!condition()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!root)('ecg download (the command, against a local PhysioNet mirror)', () => {
  const fake = new FakePhysioNet(root!);
  let base = '';
  let to = '';
  const dirs: string[] = [];
  beforeAll(async () => (base = `${await fake.start()}/files/mitdb/1.0.0/`));
  afterAll(async () => {
    await fake.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  beforeEach(() => {
    to = mkdtempSync(join(tmpdir(), 'ecg-dl-cli-'));
    dirs.push(to);
    fake.reset();
  });

  it('downloads one record and prints the summary as JSON', async () => {
    const r = await ecg(['download', 'mitdb', '--to', to, '--base-url', base, '--records', '100', '--json']);
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as DownloadSummary;
    expect(summary).toMatchObject({ dataset: 'mitdb', dir: join(to, 'mitdb'), records: 1, files: 3, fetched: 3, skipped: 0, verified: 3 });
    expect(summary.bytesFetched).toBe(['hea', 'dat', 'atr'].map((x) => statSync(join(root!, 'mitdb', `100.${x}`)).size).reduce((a, b) => a + b));
    // stderr is not a terminal here: plain progress lines, no bar
    expect(r.stderr).toMatch(/^\[\d\/3\] 100\.dat fetched$/m);
    expect(readFileSync(join(to, 'mitdb', '100.dat')).equals(readFileSync(join(root!, 'mitdb', '100.dat')))).toBe(true);
  });

  it('resumes after the process is killed mid-file (SIGKILL)', async () => {
    fake.stallOnce.set('/files/mitdb/1.0.0/100.dat', 800_000);
    const part = join(to, 'mitdb', '100.dat.part');
    const killed = await ecg(['download', 'mitdb', '--to', to, '--base-url', base, '--records', '100', '--json'], (child) => {
      void waitFor(() => existsSync(part) && statSync(part).size === 800_000).then(() => child.kill('SIGKILL'));
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(join(to, 'mitdb', '100.dat'))).toBe(false);
    fake.requests = [];

    const r = await ecg(['--data-root', to, 'download', 'mitdb', '--base-url', base, '--records', '100', '--json']);
    expect(r.status).toBe(0);
    const datRequests = fake.requests.filter((q) => q.path.endsWith('100.dat'));
    expect(datRequests.map((q) => q.range)).toEqual(['bytes=800000-']);
    const summary = JSON.parse(r.stdout) as DownloadSummary;
    expect(summary.dir).toBe(join(to, 'mitdb')); // --data-root is the destination too
    expect(readFileSync(join(to, 'mitdb', '100.dat')).equals(readFileSync(join(root!, 'mitdb', '100.dat')))).toBe(true);
    expect(existsSync(part)).toBe(false);
  });

  it('exits 2 naming the URL and HTTP status when PhysioNet answers 404', async () => {
    fake.statusFor.set('/files/mitdb/1.0.0/100.atr', 404);
    const r = await ecg(['download', 'mitdb', '--to', to, '--base-url', base, '--records', '100']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`ecg: ${base}100.atr: DOWNLOAD_FAILED: HTTP 404`);
    expect(r.stdout).toBe('');
  });

  it('exits 2 on an unknown data set', async () => {
    const r = await ecg(['download', 'nosuchset', '--to', to]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nosuchset: BAD_ARGUMENT: unknown data set; downloadable: mitdb, cinc2017/);
  });
});
