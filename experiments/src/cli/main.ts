import { Command, CommanderError } from 'commander';
import { EcgDataError } from '@efficientecg/datasets';
import { commandModules } from './commands';

/** Build the `ecg` program; every subcommand lives in its own module under ./commands. */
export function buildProgram(): Command {
  const program = new Command('ecg')
    .description('EfficientECG workspace: read ECG records, process signals, train and evaluate models')
    .option('--data-root <dir>', 'folder holding mitdb/, cinc2017/, ... (default: $ECG_DATA_ROOT, then ./data, then the bundled sample)')
    .showHelpAfterError()
    .exitOverride();
  for (const mod of commandModules) mod.register(program);
  return program;
}

/**
 * The libraries' typed errors (bad input, named file or argument): reported in one
 * line with exit code 2, never as a stack trace.
 */
const TYPED_ERRORS = new Set(['EcgDataError', 'SignalError', 'ModelError', 'ModelIoError', 'BackendError']);
function isTypedError(err: unknown): err is Error {
  return err instanceof Error && TYPED_ERRORS.has(err.name) && typeof (err as { code?: unknown }).code === 'string';
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit with code 0; usage errors were already printed by commander
      process.exitCode = err.exitCode;
      return;
    }
    if (err instanceof EcgDataError || isTypedError(err)) {
      process.stderr.write(`ecg: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}
