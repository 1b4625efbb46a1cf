import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDataRoot } from '../data-root';
import { isEcgDataError } from '../errors';
import { readWfdbRecord } from '../wfdb';
import { downloadDataset, type DownloadEvent, type DownloadOptions } from './download';
import { FakePhysioNet } from './fake-physionet';
import { parseSha256Sums } from './sha256sums';

const root = testDataRoot();

describe('parseSha256Sums', () => {
  it('reads both sha256sum spellings and strips ./', () => {
    const a = 'a'.repeat(64);
    const b = 'B'.repeat(64);
    const sums = parseSha256Sums(`${a}  training/A00/A00001.mat\r\n${b} *./RECORDS\nnot a line\n`);
    expect([...sums]).toEqual([
      ['training/A00/A00001.mat', a],
      ['RECORDS', 'b'.repeat(64)],
    ]);
  });
});

describe.skipIf(!root)('downloadDataset against a local PhysioNet mirror', () => {
  const fake = new FakePhysioNet(root!);
  let url = '';
  let to = '';
  const dirs: string[] = [];
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'ecg-dl-'));
    dirs.push(d);
    return d;
  };
  beforeAll(async () => (url = await fake.start()));
  afterAll(async () => {
    await fake.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  beforeEach(() => {
    to = fresh();
    fake.reset();
  });
  const mitdb = (extra: Partial<DownloadOptions> = {}) =>
    downloadDataset('mitdb', { to, baseUrl: `${url}/files/mitdb/1.0.0/`, records: ['100', '101'], retryDelayMs: 5, ...extra });
  const shared = (set: string, name: string) => readFileSync(join(root!, set, name));

  it('fetches MIT-BIH records byte-identical to PhysioNet, verified, and a re-run skips them', async () => {
    const events: DownloadEvent[] = [];
    const s = await mitdb({ onEvent: (e) => events.push(e) });
    expect(s).toMatchObject({ records: 2, files: 6, fetched: 6, skipped: 0, verified: 6, unverified: [] });
    expect(readdirSync(join(to, 'mitdb')).sort()).toEqual(['100.atr', '100.dat', '100.hea', '101.atr', '101.dat', '101.hea', 'RECORDS', 'SHA256SUMS.txt']);
    for (const f of ['100.dat', '100.atr', '101.hea']) expect(readFileSync(join(to, 'mitdb', f)).equals(shared('mitdb', f))).toBe(true);
    expect(readWfdbRecord(join(to, 'mitdb', '100')).checks.checksum).toBe('ok');
    expect(readFileSync(join(to, 'mitdb', 'RECORDS'), 'utf8')).toBe('100\n101\n');
    // the byte events add up to what was transferred
    const bytes = events.flatMap((e) => (e.type === 'bytes' ? [e.chunk] : [])).reduce((a, b) => a + b, 0);
    expect(bytes).toBe(s.bytesFetched);
    expect(s.bytesFetched).toBe(['100', '101'].flatMap((r) => ['hea', 'dat', 'atr'].map((x) => statSync(join(root!, 'mitdb', `${r}.${x}`)).size)).reduce((a, b) => a + b, 0));

    fake.requests = [];
    const again = await mitdb();
    expect(again).toMatchObject({ fetched: 0, skipped: 6, bytesFetched: 0 });
    expect(fake.requests.map((r) => r.path).filter((p) => /\.(dat|hea|atr)$/.test(p))).toEqual([]);
  });

  it('resumes a transfer cut mid-file with a Range request', async () => {
    fake.cutOnce.set('/files/mitdb/1.0.0/100.dat', 700_000);
    const s = await mitdb();
    expect(s.fetched).toBe(6);
    const datRequests = fake.requests.filter((r) => r.path.endsWith('100.dat'));
    expect(datRequests).toHaveLength(2);
    expect(datRequests[0].range).toBeUndefined();
    // the client asks for what it holds on disk (the socket may drop bytes still in flight)
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(datRequests[1].range ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(700_000);
    expect(readFileSync(join(to, 'mitdb', '100.dat')).equals(shared('mitdb', '100.dat'))).toBe(true);
  });

  it('restarts a file when the server ignores Range (200 instead of 206)', async () => {
    fake.ignoreRange = true;
    fake.cutOnce.set('/files/mitdb/1.0.0/101.dat', 300_000);
    await mitdb();
    const datRequests = fake.requests.filter((r) => r.path.endsWith('101.dat'));
    expect(datRequests).toHaveLength(2);
    expect(datRequests[1].range).toMatch(/^bytes=\d+-$/);
    expect(readFileSync(join(to, 'mitdb', '101.dat')).equals(shared('mitdb', '101.dat'))).toBe(true);
  });

  it('follows redirects', async () => {
    const s = await mitdb({ baseUrl: `${url}/moved/mitdb/1.0.0/`, records: ['100'] });
    expect(s.fetched).toBe(3);
    expect(fake.requests.some((r) => r.path === '/moved/mitdb/1.0.0/100.dat')).toBe(true);
    expect(readWfdbRecord(join(to, 'mitdb', '100')).checks.checksum).toBe('ok');
  });

  it('resumes a run that died mid-file from the .part it left', async () => {
    fake.cutOnce.set('/files/mitdb/1.0.0/101.dat', 1_000_000);
    await expect(mitdb({ retries: 0, concurrency: 1 })).rejects.toSatisfy((e) => isEcgDataError(e, 'DOWNLOAD_FAILED'));
    const partSize = statSync(join(to, 'mitdb', '101.dat.part')).size;
    expect(partSize).toBeGreaterThan(0);
    expect(partSize).toBeLessThanOrEqual(1_000_000);
    expect(existsSync(join(to, 'mitdb', '101.dat'))).toBe(false);
    fake.requests = [];
    const s = await mitdb();
    expect(s.skipped).toBe(4); // 100.* and 101.hea were complete
    expect(fake.requests.find((r) => r.path.endsWith('101.dat'))?.range).toBe(`bytes=${partSize}-`);
    expect(s.bytesFetched).toBe(1_950_000 - partSize + statSync(join(root!, 'mitdb', '101.atr')).size);
    expect(readWfdbRecord(join(to, 'mitdb', '101')).checks.checksum).toBe('ok');
    expect(existsSync(join(to, 'mitdb', '101.dat.part'))).toBe(false);
  });

  it('resumes after an abort (AbortSignal) in the middle of a file', async () => {
    fake.stallOnce.set('/files/mitdb/1.0.0/100.dat', 500_000);
    const abort = new AbortController();
    const run = mitdb({
      records: ['100'],
      signal: abort.signal,
      onEvent: (e) => e.type === 'bytes' && e.name === '100.dat' && e.held >= 500_000 && abort.abort(),
    });
    await expect(run).rejects.toThrow();
    // what reached the disk before the abort (chunks still in flight are dropped)
    const partSize = statSync(join(to, 'mitdb', '100.dat.part')).size;
    expect(partSize).toBeGreaterThan(0);
    expect(partSize).toBeLessThanOrEqual(500_000);
    expect(existsSync(join(to, 'mitdb', '100.dat'))).toBe(false);
    fake.requests = [];
    await mitdb({ records: ['100'] });
    expect(fake.requests.find((r) => r.path.endsWith('100.dat'))?.range).toBe(`bytes=${partSize}-`);
    expect(readFileSync(join(to, 'mitdb', '100.dat')).equals(shared('mitdb', '100.dat'))).toBe(true);
  });

  it('retries a corrupted file once from scratch, and fails with SHA256_MISMATCH if it stays corrupt, never placing it', async () => {
    fake.corruptTimes.set('/files/mitdb/1.0.0/100.atr', 1);
    expect((await mitdb()).fetched).toBe(6);
    expect(fake.requests.filter((r) => r.path.endsWith('100.atr')).map((r) => r.range)).toEqual([undefined, undefined]);
    expect(readFileSync(join(to, 'mitdb', '100.atr')).equals(shared('mitdb', '100.atr'))).toBe(true);

    const dir2 = fresh();
    fake.corruptTimes.set('/files/mitdb/1.0.0/100.atr', 5);
    const err = await downloadDataset('mitdb', { to: dir2, baseUrl: `${url}/files/mitdb/1.0.0/`, records: ['100'], retryDelayMs: 5 }).catch((e) => e);
    expect(isEcgDataError(err, 'SHA256_MISMATCH')).toBe(true);
    expect(err.file).toBe(join(dir2, 'mitdb', '100.atr'));
    expect(err.detail).toMatch(/expected sha256 8d8a5349fb16638ebbf649f1779d12e96d91b736b2aafe59db43719ae583d471, got [0-9a-f]{64}/);
    expect(existsSync(join(dir2, 'mitdb', '100.atr'))).toBe(false);
    expect(existsSync(join(dir2, 'mitdb', '100.atr.part'))).toBe(false);
  });

  it('reports a 404 at once as DOWNLOAD_FAILED naming the URL and status', async () => {
    fake.statusFor.set('/files/mitdb/1.0.0/101.hea', 404);
    const err = await mitdb().catch((e) => e);
    if (!isEcgDataError(err)) throw err;
    expect(err.code).toBe('DOWNLOAD_FAILED');
    expect(err.file).toBe(`${url}/files/mitdb/1.0.0/101.hea`);
    expect(err.detail).toBe('HTTP 404');
    expect(fake.requests.filter((r) => r.path.endsWith('101.hea'))).toHaveLength(1); // not retried
    expect(existsSync(join(to, 'mitdb', '101.hea'))).toBe(false);
  });

  it('retries a 500 with backoff, a bounded number of times', async () => {
    fake.statusFor.set('/files/mitdb/1.0.0/100.hea', 500);
    const err = await mitdb({ records: ['100'], retries: 2 }).catch((e) => e);
    expect(isEcgDataError(err, 'DOWNLOAD_FAILED')).toBe(true);
    expect(err.detail).toBe('HTTP 500');
    expect(fake.requests.filter((r) => r.path.endsWith('100.hea'))).toHaveLength(3);
  });

  it('fails with DOWNLOAD_FAILED when nothing listens', async () => {
    const err = await downloadDataset('mitdb', { to, baseUrl: 'http://127.0.0.1:1/files/mitdb/1.0.0/', retries: 1, retryDelayMs: 5 }).catch((e) => e);
    expect(isEcgDataError(err, 'DOWNLOAD_FAILED')).toBe(true);
    expect(err.file).toBe('http://127.0.0.1:1/files/mitdb/1.0.0/SHA256SUMS.txt');
    expect(err.detail).toMatch(/gave up after 2 attempts: .*ECONNREFUSED/);
  });

  it('fetches CinC 2017 records from PhysioNet subfolders A00..A08 into the flat local layout, all verified', async () => {
    const records = ['A00001', 'A01001', 'A08001'];
    const s = await downloadDataset('cinc2017', { to, baseUrl: `${url}/files/challenge-2017/1.0.0/`, records, retryDelayMs: 5 });
    expect(s).toMatchObject({ records: 3, files: 7, fetched: 7, verified: 6, unverified: ['REFERENCE-v3.csv'] });
    expect(fake.requests.map((r) => r.path)).toContain('/files/challenge-2017/1.0.0/training/A08/A08001.mat');
    for (const r of records) {
      expect(readFileSync(join(to, 'cinc2017', `${r}.mat`)).equals(shared('cinc2017', `${r}.mat`))).toBe(true);
      expect(readWfdbRecord(join(to, 'cinc2017', r), { verify: 'report' }).fs).toBe(300);
    }
    expect(readFileSync(join(to, 'cinc2017', 'RECORDS'), 'utf8')).toBe('A00001\nA01001\nA08001\n');
    expect(readFileSync(join(to, 'cinc2017', 'REFERENCE.csv')).equals(shared('cinc2017', 'REFERENCE.csv'))).toBe(true);
  });

  it('rejects an unknown data set and unlisted records as BAD_ARGUMENT', async () => {
    await expect(downloadDataset('nope', { to })).rejects.toSatisfy((e) => isEcgDataError(e, 'BAD_ARGUMENT'));
    await expect(mitdb({ records: ['999'] })).rejects.toSatisfy((e) => isEcgDataError(e, 'BAD_ARGUMENT'));
  });
});
