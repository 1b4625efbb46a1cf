import { describe, expect, it } from 'vitest';
import { buildProgram } from './main';
import { runCli } from './testing/run-cli';

describe('ecg command line', () => {
  const names = buildProgram().commands.map((c) => c.name());

  it('lists its subcommands in --help', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    for (const name of names) expect(r.stdout).toContain(name);
    expect(names).toContain('info');
  });

  it.each(names)('has --help on the %s subcommand', (name) => {
    const r = runCli([name, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Usage: ecg ${name}`));
    expect(r.stdout).toContain('--help');
  });

  it('rejects an unknown subcommand with a non-zero exit', () => {
    const r = runCli(['no-such-command']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/unknown command/);
  });
});
