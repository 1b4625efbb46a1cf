import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * For tests only (not exported from the package index): a local PhysioNet look-alike that
 * serves the real data in the shared data folder under PhysioNet's URL layout, with Range
 * support and faults injected per path.
 *
 *   /files/mitdb/1.0.0/{RECORDS,SHA256SUMS.txt,100.hea,...}
 *   /files/challenge-2017/1.0.0/{SHA256SUMS.txt,REFERENCE-v3.csv,training/RECORDS,training/A00/A00001.mat,...}
 *   /moved/...  answers 302 to /files/...
 */
export class FakePhysioNet {
  private server: http.Server | null = null;
  url = '';
  requests: { path: string; range: string | undefined }[] = [];
  /** path -> bytes sent before the socket is destroyed (once). */
  cutOnce = new Map<string, number>();
  /** path -> bytes sent before the response stalls forever (once), to kill a client mid-file. */
  stallOnce = new Map<string, number>();
  /** path -> how many responses get one flipped byte. */
  corruptTimes = new Map<string, number>();
  /** path -> forced HTTP status. */
  statusFor = new Map<string, number>();
  ignoreRange = false;

  constructor(private readonly dataRoot: string) {}

  reset(): void {
    this.requests = [];
    this.cutOnce.clear();
    this.stallOnce.clear();
    this.corruptTimes.clear();
    this.statusFor.clear();
    this.ignoreRange = false;
  }

  /** Remote path -> file contents, laid out as PhysioNet publishes the two projects. */
  private resolve(path: string): Buffer | null {
    const mit = /^\/files\/mitdb\/1\.0\.0\/([\w.-]+)$/.exec(path);
    if (mit) {
      // the shared copy of PhysioNet's own checksum file
      const name = mit[1] === 'SHA256SUMS.txt' ? 'SHA256SUMS.physionet.txt' : mit[1];
      return this.read('mitdb', name);
    }
    const cinc = /^\/files\/challenge-2017\/1\.0\.0\/(.+)$/.exec(path);
    if (!cinc) return null;
    const rest = cinc[1];
    // PhysioNet keeps the 8,528 training records in folders of 1,000: A00/A00001 ... A08/A08528
    const folder = (record: string) => record.slice(0, 3);
    if (rest === 'training/RECORDS') {
      const names = this.text('cinc2017', 'RECORDS').split(/\r?\n/).filter(Boolean);
      return Buffer.from(names.map((r) => `${folder(r)}/${r}\n`).join(''));
    }
    if (rest === 'SHA256SUMS.txt') {
      // the shared folder's computed sums, with paths as PhysioNet's root checksum file writes them
      const sums = this.text('cinc2017', 'SHA256SUMS.computed.txt').replace(/ {2}(A\d+)\.(hea|mat)$/gm, (_, r: string, ext: string) => `  training/${folder(r)}/${r}.${ext}`);
      return Buffer.from(sums);
    }
    if (rest === 'REFERENCE-v3.csv') return this.read('cinc2017', 'REFERENCE.csv');
    const rec = /^training\/(A\d\d)\/((A\d+)\.(?:hea|mat))$/.exec(rest);
    return rec && rec[1] === folder(rec[3]) ? this.read('cinc2017', rec[2]) : null;
  }

  private read(set: string, name: string): Buffer | null {
    const f = join(this.dataRoot, set, name);
    return existsSync(f) ? readFileSync(f) : null;
  }

  private text(set: string, name: string): string {
    return this.read(set, name)?.toString('utf8') ?? '';
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    this.requests.push({ path, range: req.headers.range });
    if (path.startsWith('/moved/')) return void res.writeHead(302, { Location: path.replace(/^\/moved\//, '/files/') }).end();
    const forced = this.statusFor.get(path);
    let body = forced ? null : this.resolve(path);
    if (!body) return void res.writeHead(forced ?? 404).end();
    const corrupt = this.corruptTimes.get(path) ?? 0;
    if (corrupt > 0) {
      this.corruptTimes.set(path, corrupt - 1);
      body = Buffer.from(body);
      body[Math.floor(body.length / 2)] ^= 0xff;
    }
    const size = body.length;
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const headers: http.OutgoingHttpHeaders = { 'Accept-Ranges': this.ignoreRange ? 'none' : 'bytes' };
    let status = 200;
    if (m && !this.ignoreRange) {
      const from = Number(m[1]);
      if (from >= size) return void res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      body = body.subarray(from);
      status = 206;
      headers['Content-Range'] = `bytes ${from}-${size - 1}/${size}`;
    }
    res.writeHead(status, { ...headers, 'Content-Length': body.length });
    const cut = this.cutOnce.get(path);
    if (cut !== undefined) {
      this.cutOnce.delete(path);
      return void res.write(body.subarray(0, cut), () => res.destroy());
    }
    const stall = this.stallOnce.get(path);
    if (stall !== undefined) {
      this.stallOnce.delete(path);
      return void res.write(body.subarray(0, stall)); // and never end
    }
    res.end(body);
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    const server = this.server;
    this.server = null;
    server.closeAllConnections(); // stalled responses would keep close() waiting
    await new Promise<void>((r) => server.close(() => r()));
  }
}
