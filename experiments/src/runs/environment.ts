import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { workspaceRoot } from '@efficientecg/datasets';

/** What a run folder records about where it ran, so a result can be traced and repeated. */
export interface RunEnvironment {
  node: string;
  platform: string;
  arch: string;
  cpus: number;
  cpuModel: string | null;
  memoryGiB: number;
  /** tfjs backend actually used, with its versions (from libs/models' backend module). */
  backend: Record<string, unknown> | null;
  packages: Record<string, string | null>;
  git: { commit: string | null; dirty: boolean | null };
  /** SHA-256 over the data files a run read (per data set folder): `sha256(relative path + file sha256 per line)`. */
  data: Record<string, { files: number; bytes: number; sha256: string }>;
  /**
   * Dropout and DropConnect masks drawn from the run seed (true since commit a200566). Absent in
   * older run folders: their masks came from an unseeded generator, so retraining them repeats the
   * configuration but not the weights bit for bit.
   */
  seededMasks?: boolean;
}

function packageVersion(name: string): string | null {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`, { paths: [workspaceRoot()] }), 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

function gitState(): RunEnvironment['git'] {
  const run = (args: string[]) => spawnSync('git', args, { cwd: workspaceRoot(), encoding: 'utf8' });
  const head = run(['rev-parse', 'HEAD']);
  if (head.status !== 0) return { commit: null, dirty: null };
  const status = run(['status', '--porcelain', '--untracked-files=no']);
  return { commit: head.stdout.trim(), dirty: status.status === 0 ? status.stdout.trim().length > 0 : null };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Digest of a data folder: every file's SHA-256 under its relative path, in sorted order. */
export function dataFolderDigest(dir: string): { files: number; bytes: number; sha256: string } {
  const files = listFiles(dir).sort();
  const outer = createHash('sha256');
  let bytes = 0;
  for (const f of files) {
    const content = readFileSync(f);
    bytes += content.length;
    outer.update(`${relative(dir, f)} ${createHash('sha256').update(content).digest('hex')}\n`);
  }
  return { files: files.length, bytes, sha256: outer.digest('hex') };
}

export function captureEnvironment(options: { backend?: Record<string, unknown> | null; dataFolders?: Record<string, string> } = {}): RunEnvironment {
  const data: RunEnvironment['data'] = {};
  for (const [name, dir] of Object.entries(options.dataFolders ?? {})) data[name] = dataFolderDigest(dir);
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    backend: options.backend ?? null,
    packages: Object.fromEntries(
      ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', 'danfojs-node', 'zod'].map((p) => [p, packageVersion(p)]),
    ),
    git: gitState(),
    data,
    seededMasks: true,
  };
}

/** Size check helper for tests and reports. */
export function folderBytes(dir: string): number {
  return listFiles(dir).reduce((n, f) => n + statSync(f).size, 0);
}
