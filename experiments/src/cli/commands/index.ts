import type { Command } from 'commander';
import * as archive from './archive';
import * as download from './download';
import * as evalRun from './eval';
import * as info from './info';
import * as params from './params';
import * as predict from './predict';
import * as reproduce from './reproduce';
import * as train from './train';
import * as pwaves from './pwaves';
import * as rpeaks from './rpeaks';
import * as rpeaksEval from './rpeaks-eval';

export interface CommandModule {
  register(program: Command): void;
}

/** Every subcommand of `ecg`, in the order `ecg --help` lists them. */
export const commandModules: CommandModule[] = [info, download, params, train, evalRun, archive, predict, reproduce, rpeaks, rpeaksEval, pwaves];
