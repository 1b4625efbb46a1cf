import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { EcgDataError } from '../errors';
import { downloadableDatasets, type DownloadableDataset } from './catalog';
import { fetchResumable, type FetchOptions } from './http-fetch';
import { parseSha256Sums, sha256File } from './sha256sums';

export type DownloadEvent =
  | { type: 'plan'; files: number }
  | { type: 'file'; name: string; index: number; count: number; status: 'fetching' | 'skipped' | 'done' }
  /** `chunk` new bytes of `name` arrived; `held` of its `total` are on disk. */
  | { type: 'bytes'; name: string; chunk: number; held: number; total: number | null };

export interface DownloadOptions {
  /** Data root to write into; the set goes to `<to>/<localDir>/`. */
  to: string;
  /** Override the PhysioNet base URL (mirrors, tests). */
  baseUrl?: string;
  /** Only these records (names without folder or extension). */
  records?: string[];
  onEvent?: (e: DownloadEvent) => void;
  retries?: number;
  retryDelayMs?: number;
  /** Files transferred at once (default 4). */
  concurrency?: number;
  signal?: AbortSignal;
}

export interface DownloadSummary {
  dataset: string;
  dir: string;
  records: number;
  files: number;
  fetched: number;
  skipped: number;
  bytesFetched: number;
  verified: number;
  /** Files PhysioNet publishes no checksum for (kept, but unverified). */
  unverified: string[];
  seconds: number;
}

interface PlannedFile {
  remote: string;
  local: string;
}

export function datasetSource(name: string): DownloadableDataset {
  const spec = downloadableDatasets[name];
  if (!spec) {
    throw new EcgDataError('BAD_ARGUMENT', name, `unknown data set; downloadable: ${Object.keys(downloadableDatasets).join(', ')}`);
  }
  return spec;
}

/**
 * Fetch `url` into `<dest>.part`, verify it against `expected` (when PhysioNet lists the file)
 * and only then rename it to `dest`, so a file under its final name is always complete.
 */
async function fetchVerified(url: string, dest: string, expected: string | undefined, opts: DownloadOptions, onBytes: FetchOptions['onBytes']): Promise<void> {
  const part = dest + '.part';
  for (let attempt = 0; ; attempt++) {
    await fetchResumable(url, part, { retries: opts.retries, retryDelayMs: opts.retryDelayMs, signal: opts.signal, onBytes });
    const actual = expected ? await sha256File(part) : null;
    if (actual === (expected ?? null)) {
      renameSync(part, dest);
      return;
    }
    unlinkSync(part); // a corrupt .part must not be resumed from
    if (attempt >= 1) throw new EcgDataError('SHA256_MISMATCH', dest, `from ${url}: expected sha256 ${expected}, got ${actual}`);
  }
}

/**
 * Run `task(0..count-1)` with at most `limit` in flight. The first failure stops new tasks
 * from starting, waits for the running ones (so no transfer writes after we return) and is thrown.
 */
async function forEachConcurrently(count: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (!failure && next < count) {
      const i = next++;
      try {
        await task(i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}

/** Download one data set from PhysioNet (or a mirror) into the data root, resumably and verified. */
export async function downloadDataset(name: string, opts: DownloadOptions): Promise<DownloadSummary> {
  const spec = datasetSource(name);
  const t0 = Date.now();
  const base = (opts.baseUrl ?? spec.baseUrl).replace(/\/?$/, '/');
  const dir = join(opts.to, spec.localDir);
  mkdirSync(dir, { recursive: true });
  const emit = opts.onEvent ?? (() => undefined);

  // index files are small and always fetched whole (never resumed from an old .part),
  // so a re-run sees PhysioNet's current lists
  const fetchIndex = (remote: string, local: string, expected?: string) => {
    rmSync(local + '.part', { force: true });
    return fetchVerified(base + remote, local, expected, opts, undefined);
  };
  let sums = new Map<string, string>();
  if (spec.checksums) {
    const local = join(dir, 'SHA256SUMS.txt');
    await fetchIndex(spec.checksums, local);
    sums = parseSha256Sums(readFileSync(local, 'utf8'));
  }
  const indexTmp = join(dir, '.RECORDS.remote');
  await fetchIndex(spec.recordsIndex, indexTmp, sums.get(spec.recordsIndex));
  let entries = readFileSync(indexTmp, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  unlinkSync(indexTmp);
  if (opts.records) {
    const wanted = new Set(opts.records);
    const missing = opts.records.filter((r) => !entries.some((e) => basename(e) === r));
    if (missing.length) throw new EcgDataError('BAD_ARGUMENT', base + spec.recordsIndex, `records not listed: ${missing.join(', ')}`);
    entries = entries.filter((e) => wanted.has(basename(e)));
  }

  const plan: PlannedFile[] = [
    ...entries.flatMap((e) => spec.extensions.map((ext) => ({ remote: `${spec.recordsBase}${e}.${ext}`, local: `${basename(e)}.${ext}` }))),
    ...spec.extraFiles,
  ];
  emit({ type: 'plan', files: plan.length });

  const summary: DownloadSummary = { dataset: name, dir, records: entries.length, files: plan.length, fetched: 0, skipped: 0, bytesFetched: 0, verified: 0, unverified: [], seconds: 0 };
  const placeFile = async (i: number) => {
    const f = plan[i];
    const dest = join(dir, f.local);
    const expected = sums.get(f.remote);
    if (expected) summary.verified++;
    else summary.unverified.push(f.remote);
    // files are only ever renamed into place after verification, so a present file is complete;
    // with a checksum it is re-checked in case it was changed by hand
    if (existsSync(dest) && (!expected || (await sha256File(dest)) === expected)) {
      summary.skipped++;
      emit({ type: 'file', name: f.local, index: i, count: plan.length, status: 'skipped' });
      return;
    }
    emit({ type: 'file', name: f.local, index: i, count: plan.length, status: 'fetching' });
    await fetchVerified(base + f.remote, dest, expected, opts, (chunk, held, total) => {
      summary.bytesFetched += chunk;
      emit({ type: 'bytes', name: f.local, chunk, held, total });
    });
    summary.fetched++;
    emit({ type: 'file', name: f.local, index: i, count: plan.length, status: 'done' });
  };
  await forEachConcurrently(plan.length, opts.concurrency ?? 4, placeFile);
  summary.unverified.sort();
  // the local index lists the records present, by name, as the loaders expect
  const recordsTmp = join(dir, `RECORDS.tmp-${process.pid}`);
  const present = new Set(existsSync(join(dir, 'RECORDS')) ? readFileSync(join(dir, 'RECORDS'), 'utf8').split(/\r?\n/).filter(Boolean) : []);
  for (const e of entries) present.add(basename(e));
  writeFileSync(recordsTmp, [...present].sort().join('\n') + '\n');
  renameSync(recordsTmp, join(dir, 'RECORDS'));
  summary.seconds = (Date.now() - t0) / 1000;
  return summary;
}
