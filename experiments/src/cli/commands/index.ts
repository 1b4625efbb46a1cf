import type { Command } from 'commander';
import * as download from './download';
import * as info from './info';
import * as reproduce from './reproduce';

export interface CommandModule {
  register(program: Command): void;
}

/** Every subcommand of `ecg`, in the order `ecg --help` lists them. */
export const commandModules: CommandModule[] = [info, download, reproduce];
