import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EcgDataError, workspaceRoot } from '@efficientecg/datasets';

/** runs/<experiment>/<variant>/seed-<n>/ (runs/ is git-ignored). */
export function runDir(experiment: string, variant: string, seed: number, root = join(workspaceRoot(), 'runs')): string {
  return join(root, experiment, variant, `seed-${seed}`);
}

/** The validation split's predictions at the kept epoch (runs trained since 2026-12-05; older runs lack it). */
export const VALIDATION_PREDICTIONS_FILE = 'validation-predictions.csv';

export function readJson<T>(path: string): T {
  if (!existsSync(path)) throw new EcgDataError('MISSING_FILE', path, 'expected JSON file not found');
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new EcgDataError('BAD_CONFIG', path, `not valid JSON: ${(e as Error).message}`);
  }
}
