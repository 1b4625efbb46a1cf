import { createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EcgDataError } from '../errors';

export interface FetchOptions {
  /** Called with each chunk's size and the bytes of this file held so far. */
  onBytes?: (chunk: number, held: number, total: number | null) => void;
  /** Attempts after the first for transient failures (network errors, 5xx, cut transfers). */
  retries?: number;
  /** First backoff delay; doubles on every retry. */
  retryDelayMs?: number;
  /** A connection idle this long is dropped and retried. */
  idleTimeoutMs?: number;
  signal?: AbortSignal;
}

// keep-alive: a data set is thousands of small files from one host
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/** An HTTP status that retrying will not change (4xx except 408 timeout and 429 rate limit). */
class PermanentHttpError extends EcgDataError {}

function get(url: string, headers: Record<string, string>, opts: FetchOptions, redirects = 5): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const secure = url.startsWith('https:');
    const lib = secure ? https : http;
    const req = lib.get(url, { headers, signal: opts.signal, agent: secure ? agents.https : agents.http }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirects === 0) return reject(new PermanentHttpError('DOWNLOAD_FAILED', url, `HTTP ${status}: too many redirects`));
        return resolve(get(new URL(res.headers.location, url).toString(), headers, opts, redirects - 1));
      }
      resolve(res);
    });
    req.setTimeout(opts.idleTimeoutMs ?? 30_000, () => req.destroy(new Error(`no data for ${opts.idleTimeoutMs ?? 30_000} ms`)));
    req.on('error', reject);
  });
}

/** Start offset of a 206 answer ("bytes 100-199/200"), or null if the header is missing or odd. */
function contentRangeStart(res: http.IncomingMessage): number | null {
  const m = /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(res.headers['content-range'] ?? '');
  return m ? Number(m[1]) : null;
}

/** Download `url` into `partPath` once, resuming from the bytes already there. */
async function fetchOnce(url: string, partPath: string, opts: FetchOptions): Promise<void> {
  const have = existsSync(partPath) ? statSync(partPath).size : 0;
  const res = await get(url, have > 0 ? { Range: `bytes=${have}-` } : {}, opts);
  const status = res.statusCode ?? 0;
  if (status === 416 && have > 0) {
    // the .part is as long as the file or longer: it cannot be trusted, start again
    res.resume();
    rmSync(partPath, { force: true });
    throw new Error('range not satisfiable, restarting the file');
  }
  if (status !== 200 && status !== 206) {
    res.resume();
    const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
    throw new (permanent ? PermanentHttpError : EcgDataError)('DOWNLOAD_FAILED', url, `HTTP ${status}`);
  }
  // a server that ignores Range answers 200 with the whole file; a 206 from somewhere else
  // than where we stopped is as bad. Either way the file starts again from byte 0.
  const append = status === 206 && have > 0 && contentRangeStart(res) === have;
  if (status === 206 && !append) {
    res.resume();
    rmSync(partPath, { force: true });
    throw new Error(`server answered Range bytes=${have}- with ${res.headers['content-range'] ?? 'no Content-Range'}, restarting the file`);
  }
  const start = append ? have : 0;
  const length = res.headers['content-length'] ? Number(res.headers['content-length']) : null;
  const total = length === null ? null : start + length;
  let held = start;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      held += chunk.length;
      opts.onBytes?.(chunk.length, held, total);
      done(null, chunk);
    },
  });
  const file = createWriteStream(partPath, { flags: append ? 'a' : 'w' });
  try {
    await pipeline(res, count, file);
  } catch (e) {
    // pipeline can reject while the file still has a write in flight (seen under load: the
    // .part grew by one 64 KiB chunk after the rejection). A destroyed fs stream finishes
    // that write before it closes, so wait for 'close': the next attempt's size check and
    // the caller then see exactly the bytes on disk.
    if (!file.closed) await new Promise<void>((resolve) => file.once('close', () => resolve()));
    throw e;
  }
  if (total !== null && held !== total) throw new Error(`transfer ended at ${held} of ${total} bytes`);
}

/**
 * Fetch `url` into `partPath`, resuming interrupted transfers with HTTP Range requests and
 * retrying transient failures with exponential backoff. Failures throw EcgDataError
 * DOWNLOAD_FAILED naming the URL and the HTTP status or network error.
 */
export async function fetchResumable(url: string, partPath: string, opts: FetchOptions = {}): Promise<void> {
  const retries = opts.retries ?? 4;
  let lastError: unknown;
  for (let attempt = 0; attempt <= retries; attempt++) {
    try {
      return await fetchOnce(url, partPath, opts);
    } catch (e) {
      lastError = e;
      if (opts.signal?.aborted || e instanceof PermanentHttpError) throw e;
      if (attempt < retries) await new Promise((r) => setTimeout(r, (opts.retryDelayMs ?? 500) * 2 ** attempt));
    }
  }
  if (lastError instanceof EcgDataError) throw lastError;
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new EcgDataError('DOWNLOAD_FAILED', url, `gave up after ${retries + 1} attempts: ${reason}`);
}
