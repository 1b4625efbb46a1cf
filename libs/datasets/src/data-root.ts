import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Environment variable naming the data root (the folder holding mitdb/, cinc2017/, ...). */
export const DATA_ROOT_ENV = 'ECG_DATA_ROOT';

export type DataRootSource = 'flag' | 'env' | 'downloaded' | 'bundled-sample';

export interface ResolvedDataRoot {
  path: string;
  source: DataRootSource;
}

/** The workspace root: the nearest folder upwards whose package.json is this workspace's. */
export function workspaceRoot(from: string = __dirname): string {
  let dir = resolve(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'efficientecg-workspace') return dir;
      } catch {
        // a broken package.json further down is not ours; keep walking up
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`efficientecg workspace root not found above ${from}`);
    dir = up;
  }
}

/** Where `ecg download` puts data sets unless told otherwise (git-ignored). */
export function defaultDownloadRoot(): string {
  return join(workspaceRoot(), 'data');
}

/** The small real sample committed with the repository (see sample-data/README.md). */
export function bundledSampleRoot(): string {
  return join(workspaceRoot(), 'sample-data');
}

/**
 * Resolve the data root: --data-root flag, then $ECG_DATA_ROOT, then data downloaded
 * into the default download folder, then the bundled sample.
 */
export function resolveDataRoot(flag?: string | null, env: NodeJS.ProcessEnv = process.env): ResolvedDataRoot {
  if (flag) return { path: resolve(flag), source: 'flag' };
  const fromEnv = env[DATA_ROOT_ENV];
  if (fromEnv) return { path: resolve(fromEnv), source: 'env' };
  const downloaded = defaultDownloadRoot();
  if (existsSync(downloaded)) return { path: downloaded, source: 'downloaded' };
  return { path: bundledSampleRoot(), source: 'bundled-sample' };
}

/** Whether a resolved data root is the bundled sample, however it was named (fallback, flag or environment). */
export function isBundledSample(root: ResolvedDataRoot): boolean {
  return root.source === 'bundled-sample' || resolve(root.path) === resolve(bundledSampleRoot());
}

/**
 * Data root for tests: $ECG_DATA_ROOT, else the shared data folder beside the
 * checkout (`../shared/data`, where CI puts it), else null (tests needing the
 * full data sets then skip with a reason).
 */
export function testDataRoot(): string | null {
  const fromEnv = process.env[DATA_ROOT_ENV];
  if (fromEnv) return resolve(fromEnv);
  const beside = resolve(workspaceRoot(), '..', 'shared', 'data');
  return existsSync(beside) ? beside : null;
}
