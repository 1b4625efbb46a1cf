import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Atomic writes for everything the workspace produces (results, caches, run folders,
 * checkpoints): a reader sees the old content or the new, never half of it.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}

/**
 * Write a folder atomically: `fill` writes into a temporary sibling, which is then
 * renamed into place (replacing an older one). A crash leaves the old folder or the
 * new one, and at worst a `.tmp-` sibling; a failing `fill` leaves nothing.
 */
export async function writeFolderAtomic(dir: string, fill: (tmpDir: string) => void | Promise<void>): Promise<void> {
  const stamp = `${process.pid}-${Date.now()}`;
  const tmp = `${dir}.tmp-${stamp}`;
  mkdirSync(tmp, { recursive: true });
  try {
    await fill(tmp);
    const old = `${dir}.old-${stamp}`;
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
