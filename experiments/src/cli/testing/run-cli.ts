import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from '@efficientecg/datasets';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run `ecg` exactly as a user does (`node bin/ecg.cjs ...` from the repository root). */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const root = workspaceRoot();
  const r = spawnSync(process.execPath, [join(root, 'bin', 'ecg.cjs'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
