import { createWriteStream, existsSync, statSync, unlinkSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { EcgDataError } from '../errors';

export interface FetchOptions {
  /** Called with the bytes received so far for this file. */
  onBytes?: (received: number, total: number | null) => void;
  retries?: number;
  retryDelayMs?: number;
  signal?: AbortSignal;
}

function get(url: string, headers: Record<string, string>, signal?: AbortSignal, redirects = 5): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const lib = url.startsWith('https:') ? https : http;
    const req = lib.get(url, { headers, signal }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirects === 0) return reject(new EcgDataError('DOWNLOAD_FAILED', url, 'too many redirects'));
        return resolve(get(new URL(res.headers.location, url).toString(), headers, signal, redirects - 1));
      }
      resolve(res);
    });
    req.on('error', reject);
  });
}

/** Download `url` into `partPath` once, resuming from the bytes already there. */
async function fetchOnce(url: string, partPath: string, opts: FetchOptions): Promise<void> {
  const have = existsSync(partPath) ? statSync(partPath).size : 0;
  const res = await get(url, have > 0 ? { Range: `bytes=${have}-` } : {}, opts.signal);
  const status = res.statusCode ?? 0;
  if (status === 416 && have > 0) {
    // the .part already holds the whole file (or more): start again to be sure
    res.resume();
    unlinkSync(partPath);
    throw new Error('range not satisfiable, restarting');
  }
  if (status !== 200 && status !== 206) {
    res.resume();
    throw new EcgDataError('DOWNLOAD_FAILED', url, `HTTP ${status}`);
  }
  // a server that ignores Range answers 200 with the whole file: start the file again
  const append = status === 206 && have > 0;
  const start = append ? have : 0;
  const length = res.headers['content-length'] ? Number(res.headers['content-length']) : null;
  const total = length === null ? null : start + length;
  let received = start;
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(partPath, { flags: append ? 'a' : 'w' });
    res.on('data', (chunk: Buffer) => {
      received += chunk.length;
      opts.onBytes?.(received, total);
    });
    res.on('aborted', () => reject(new Error('connection closed mid-transfer')));
    res.on('error', reject);
    out.on('error', reject);
    out.on('finish', () => (total !== null && received < total ? reject(new Error(`transfer ended at ${received} of ${total} bytes`)) : resolve()));
    res.pipe(out);
  });
}

/**
 * Fetch `url` into `partPath`, resuming interrupted transfers with HTTP Range requests and
 * retrying transient failures with backoff. HTTP errors (404, 500 after retries) throw
 * EcgDataError DOWNLOAD_FAILED naming the URL.
 */
export async function fetchResumable(url: string, partPath: string, opts: FetchOptions = {}): Promise<void> {
  const retries = opts.retries ?? 4;
  let lastError: unknown;
  for (let attempt = 0; attempt <= retries; attempt++) {
    try {
      return await fetchOnce(url, partPath, opts);
    } catch (e) {
      lastError = e;
      if (opts.signal?.aborted) throw e;
      // 4xx other than a bad range will not improve with retries
      if (e instanceof EcgDataError && /HTTP 4\d\d/.test(e.detail)) throw e;
      if (attempt < retries) await new Promise((r) => setTimeout(r, (opts.retryDelayMs ?? 500) * 2 ** attempt));
    }
  }
  if (lastError instanceof EcgDataError) throw lastError;
  throw new EcgDataError('DOWNLOAD_FAILED', url, `gave up after ${retries + 1} attempts: ${(lastError as Error)?.message ?? lastError}`);
}
