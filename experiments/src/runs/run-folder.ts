import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EcgDataError, workspaceRoot } from '@efficientecg/datasets';
import { writeFileAtomic } from '../results/atomic-write';

/** runs/<experiment>/<variant>/seed-<n>/ (runs/ is git-ignored). */
export function runDir(experiment: string, variant: string, seed: number, root = join(workspaceRoot(), 'runs')): string {
  return join(root, experiment, variant, `seed-${seed}`);
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}

export function readJson<T>(path: string): T {
  if (!existsSync(path)) throw new EcgDataError('MISSING_FILE', path, 'expected JSON file not found');
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new EcgDataError('BAD_CONFIG', path, `not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * Write a folder atomically: `fill` writes into a temporary sibling, which is then
 * renamed into place (replacing an older one). A crash leaves either the old folder
 * or the new one, plus at worst a `.tmp-` folder that the next call removes.
 */
export async function writeFolderAtomic(dir: string, fill: (tmpDir: string) => void | Promise<void>): Promise<void> {
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(tmp, { recursive: true });
  try {
    await fill(tmp);
    const old = `${dir}.old-${process.pid}-${Date.now()}`;
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
