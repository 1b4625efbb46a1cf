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
    // generous: wasm inference on a 30-min record slows several-fold when training shares the 2 cores
    timeout: 300_000,
  });
  // a killed child has status null; say why instead of leaving a bare null to the assertion
  const killed = r.signal ? `\n[runCli] ecg ${args.join(' ')} was killed by ${r.signal}${r.error ? ` (${r.error.message})` : ''}` : '';
  return { status: r.status, stdout: r.stdout, stderr: r.stderr + killed };
}
