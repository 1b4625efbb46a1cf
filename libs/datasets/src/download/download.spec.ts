import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDataRoot } from '../data-root';
import { isEcgDataError } from '../errors';
import { readWfdbRecord } from '../wfdb';
import { downloadDataset } from './download';

const root = testDataRoot();

/** A PhysioNet look-alike serving ../shared/data, with faults injected per test. */
class FakePhysioNet {
  server!: http.Server;
  requests: { path: string; range: string | undefined }[] = [];
  cutOnce = new Map<string, number>(); // path -> bytes sent before the socket is destroyed (once)
  corruptTimes = new Map<string, number>(); // path -> how many responses get one flipped byte
  statusFor = new Map<string, number>();
  ignoreRange = false;

  constructor(private readonly data: string) {}

  /** Remote path -> file contents, laid out as PhysioNet publishes the two projects. */
  resolve(path: string): Buffer | null {
    const mit = /^\/files\/mitdb\/1\.0\.0\/(.+)$/.exec(path);
    if (mit) {
      const name = mit[1] === 'SHA256SUMS.txt' ? 'SHA256SUMS.physionet.txt' : mit[1];
      const f = join(this.data, 'mitdb', name);
      return existsSync(f) ? readFileSync(f) : null;
    }
    const cinc = /^\/files\/challenge-2017\/1\.0\.0\/(.+)$/.exec(path);
    if (!cinc) return null;
    const dir = join(this.data, 'cinc2017');
    if (cinc[1] === 'training/RECORDS') {
      return Buffer.from(readFileSync(join(dir, 'RECORDS'), 'utf8').split('\n').filter(Boolean).map((r) => `A00/${r}`).join('\n') + '\n');
    }
    if (cinc[1] === 'SHA256SUMS.txt') {
      return Buffer.from(readFileSync(join(dir, 'SHA256SUMS.computed.txt'), 'utf8').replace(/ {2}(A\d+\.mat)/g, '  training/A00/$1'));
    }
    if (cinc[1] === 'training/REFERENCE.csv') return readFileSync(join(dir, 'REFERENCE.csv'));
    const rec = /^training\/A00\/(A\d+\.(?:hea|mat))$/.exec(cinc[1]);
    return rec && existsSync(join(dir, rec[1])) ? readFileSync(join(dir, rec[1])) : null;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      this.requests.push({ path, range: req.headers.range });
      const forced = this.statusFor.get(path);
      let body = forced ? null : this.resolve(path);
      if (!body) {
        res.writeHead(forced ?? 404).end();
        return;
      }
      const corrupt = this.corruptTimes.get(path) ?? 0;
      if (corrupt > 0) {
        this.corruptTimes.set(path, corrupt - 1);
        body = Buffer.from(body);
        body[Math.floor(body.length / 2)] ^= 0xff;
      }
      const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      let status = 200;
      if (m && !this.ignoreRange) {
        const from = Number(m[1]);
        if (from >= body.length) return void res.writeHead(416).end();
        body = body.subarray(from);
        status = 206;
      }
      res.writeHead(status, { 'Content-Length': body.length });
      const cut = this.cutOnce.get(path);
      if (cut !== undefined) {
        this.cutOnce.delete(path);
        res.write(body.subarray(0, cut), () => res.destroy());
        return;
      }
      res.end(body);
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
}

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
  afterAll(() => {
    fake.server.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  beforeEach(() => {
    to = fresh();
    fake.requests = [];
    fake.ignoreRange = false;
    fake.corruptTimes.clear();
    fake.cutOnce.clear();
    fake.statusFor.clear();
  });
  const mitdb = (extra: object = {}) => downloadDataset('mitdb', { to, baseUrl: `${url}/files/mitdb/1.0.0/`, records: ['100', '101'], retryDelayMs: 5, ...extra });

  it('fetches MIT-BIH records that read back with verified checksums, and re-runs skip them', async () => {
    const s = await mitdb();
    expect(s).toMatchObject({ records: 2, files: 6, fetched: 6, skipped: 0, verified: 6, unverified: [] });
    expect(readdirSync(join(to, 'mitdb')).sort()).toEqual(['100.atr', '100.dat', '100.hea', '101.atr', '101.dat', '101.hea', 'RECORDS', 'SHA256SUMS.txt']);
    expect(readWfdbRecord(join(to, 'mitdb', '100')).checks.checksum).toBe('ok');
    expect(readFileSync(join(to, 'mitdb', '100.dat')).equals(readFileSync(join(root!, 'mitdb', '100.dat')))).toBe(true);
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
    // the client asks for what it did not receive (the socket may drop bytes still in flight)
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(datRequests[1].range ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(700_000);
    expect(statSync(join(to, 'mitdb', '100.dat')).size).toBe(1_950_000);
    expect(readWfdbRecord(join(to, 'mitdb', '100')).checks.checksum).toBe('ok');
  });

  it('restarts a file when the server ignores Range', async () => {
    fake.ignoreRange = true;
    fake.cutOnce.set('/files/mitdb/1.0.0/101.dat', 300_000);
    await mitdb();
    expect(statSync(join(to, 'mitdb', '101.dat')).size).toBe(1_950_000);
    expect(readWfdbRecord(join(to, 'mitdb', '101')).checks.checksum).toBe('ok');
  });

  it('resumes a killed run from the .part file it left', async () => {
    fake.cutOnce.set('/files/mitdb/1.0.0/101.dat', 1_000_000);
    await expect(mitdb({ retries: 0 })).rejects.toSatisfy((e) => isEcgDataError(e, 'DOWNLOAD_FAILED'));
    const partSize = statSync(join(to, 'mitdb', '101.dat.part')).size;
    expect(partSize).toBeGreaterThan(0);
    expect(partSize).toBeLessThanOrEqual(1_000_000);
    expect(existsSync(join(to, 'mitdb', '101.dat'))).toBe(false);
    fake.requests = [];
    const s = await mitdb();
    expect(s.skipped).toBe(4); // 100.* and 101.hea were complete
    expect(fake.requests.find((r) => r.path.endsWith('101.dat'))?.range).toBe(`bytes=${partSize}-`);
    expect(readWfdbRecord(join(to, 'mitdb', '101')).checks.checksum).toBe('ok');
  });

  it('retries a corrupted file once and fails with SHA256_MISMATCH if it stays corrupt, never placing it', async () => {
    fake.corruptTimes.set('/files/mitdb/1.0.0/100.atr', 1);
    expect((await mitdb()).fetched).toBe(6);
    const dir2 = fresh();
    fake.corruptTimes.set('/files/mitdb/1.0.0/100.atr', 5);
    const err = await downloadDataset('mitdb', { to: dir2, baseUrl: `${url}/files/mitdb/1.0.0/`, records: ['100'], retryDelayMs: 5 }).catch((e) => e);
    expect(isEcgDataError(err, 'SHA256_MISMATCH')).toBe(true);
    expect(err.file).toBe(join(dir2, 'mitdb', '100.atr'));
    expect(existsSync(join(dir2, 'mitdb', '100.atr'))).toBe(false);
    expect(existsSync(join(dir2, 'mitdb', '100.atr.part'))).toBe(false);
  });

  it('reports HTTP errors as DOWNLOAD_FAILED naming the URL', async () => {
    fake.statusFor.set('/files/mitdb/1.0.0/101.hea', 404);
    const err = await mitdb().catch((e) => e);
    fake.statusFor.clear();
    if (!isEcgDataError(err)) throw err;
    expect(isEcgDataError(err, 'DOWNLOAD_FAILED')).toBe(true);
    expect(err.file).toBe(`${url}/files/mitdb/1.0.0/101.hea`);
    expect(err.detail).toBe('HTTP 404');
  });

  it('fetches CinC 2017 records from their subfolders into the flat local layout', async () => {
    const s = await downloadDataset('cinc2017', { to, baseUrl: `${url}/files/challenge-2017/1.0.0/`, records: ['A00001', 'A00002', 'A00004'], retryDelayMs: 5 });
    expect(s).toMatchObject({ records: 3, files: 7, fetched: 7 });
    expect(s.verified).toBe(3); // the .mat files; headers and REFERENCE.csv carry no published checksum here
    expect(readWfdbRecord(join(to, 'cinc2017', 'A00004'), { verify: 'report' }).nSamples).toBeGreaterThan(0);
    expect(readFileSync(join(to, 'cinc2017', 'RECORDS'), 'utf8')).toBe('A00001\nA00002\nA00004\n');
    expect(existsSync(join(to, 'cinc2017', 'REFERENCE.csv'))).toBe(true);
  });

  it('rejects an unknown data set and unlisted records', async () => {
    await expect(downloadDataset('nope', { to })).rejects.toSatisfy((e) => isEcgDataError(e, 'BAD_ARGUMENT'));
    await expect(mitdb({ records: ['999'] })).rejects.toSatisfy((e) => isEcgDataError(e, 'BAD_ARGUMENT'));
  });
});
