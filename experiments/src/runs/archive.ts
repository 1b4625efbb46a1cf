import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EcgDataError, writeFolderAtomic } from '@efficientecg/datasets';
import { BEST_MODEL_DIR } from '@efficientecg/models';
import { finishedRuns, isUnder } from './finished';
import { readJson, VALIDATION_PREDICTIONS_FILE } from './run-folder';

/** What a run folder keeps in the archive: everything the tables and notebooks read, no checkpoints. */
export const ARCHIVED_FILES = ['config.json', 'environment.json', 'history.json', 'history.csv', 'metrics.json'] as const;
/** Predictions larger than this are stored gzipped (MIT-BIH DS2 has ~50,000 beats). */
export const GZIP_PREDICTIONS_ABOVE_BYTES = 1_000_000;

export interface ArchivedRun {
  experiment: string;
  variant: string;
  seed: number;
  from: string;
  to: string;
  bytes: number;
  withModel: boolean;
}

/** Which runs keep their best model in the archive: a yes/no, or a choice per experiment/variant/seed. */
export type WithModel = boolean | ((experiment: string, variant: string, seed: number) => boolean);

/**
 * Copy one finished run folder into `<archiveRoot>/<experiment>/<variant>/seed-<n>/` (written
 * atomically, replacing an older copy): config, environment, history, metrics, test and validation
 * predictions (gzipped when large) and, when `withModel` says so, the best model's weights.
 */
export async function archiveRun(dir: string, archiveRoot: string, options: { withModel?: WithModel } = {}): Promise<ArchivedRun> {
  for (const f of [...ARCHIVED_FILES, 'predictions.csv']) {
    if (!existsSync(join(dir, f))) throw new EcgDataError('MISSING_FILE', join(dir, f), 'not a finished run folder (train it to the end, or `ecg train --resume`)');
  }
  const config = readJson<{ experiment: string; variant: string; seed: number; quick?: boolean }>(join(dir, 'config.json'));
  if (config.quick) throw new EcgDataError('BAD_ARGUMENT', dir, 'a --quick run checks the pipeline and is not a result: not archived');
  const withModel = typeof options.withModel === 'function' ? options.withModel(config.experiment, config.variant, config.seed) : Boolean(options.withModel);
  if (withModel && !existsSync(join(dir, BEST_MODEL_DIR, 'model.json'))) throw new EcgDataError('MISSING_FILE', join(dir, BEST_MODEL_DIR, 'model.json'), 'no best model to archive');
  const to = join(archiveRoot, config.experiment, config.variant, `seed-${config.seed}`);
  // a model an earlier archive kept stays kept: from the run folder when it still has one, else
  // from the archive when that copy is of this very run (same metrics.json)
  const archivedModel = join(to, BEST_MODEL_DIR);
  const keptBefore = !withModel && existsSync(join(archivedModel, 'model.json'));
  const modelFrom = withModel || (keptBefore && existsSync(join(dir, BEST_MODEL_DIR, 'model.json')))
    ? join(dir, BEST_MODEL_DIR)
    : keptBefore && sameFile(join(dir, 'metrics.json'), join(to, 'metrics.json'))
      ? archivedModel
      : null;
  let bytes = 0;
  await writeFolderAtomic(to, (tmp) => {
    for (const f of ARCHIVED_FILES) {
      const content = readFileSync(join(dir, f));
      writeFileSync(join(tmp, f), content);
      bytes += content.length;
    }
    // the validation predictions exist for runs trained since they were written
    for (const name of ['predictions.csv', VALIDATION_PREDICTIONS_FILE]) {
      if (!existsSync(join(dir, name))) continue;
      const predictions = readFileSync(join(dir, name));
      // mtime 0 in the gzip header: archiving the same run twice gives the same bytes
      const stored = predictions.length > GZIP_PREDICTIONS_ABOVE_BYTES ? gzipSync(predictions, { level: 9 }) : predictions;
      writeFileSync(join(tmp, stored === predictions ? name : `${name}.gz`), stored);
      bytes += stored.length;
    }
    if (modelFrom) {
      cpSync(modelFrom, join(tmp, BEST_MODEL_DIR), { recursive: true });
      for (const f of readdirSync(join(tmp, BEST_MODEL_DIR))) bytes += statSync(join(tmp, BEST_MODEL_DIR, f)).size;
    }
  });
  return { experiment: config.experiment, variant: config.variant, seed: config.seed, from: dir, to, bytes, withModel: modelFrom !== null };
}

/**
 * Archive every finished (non-quick) run under `runsRoot`. `withModel` says which runs keep
 * their weights (e.g. the one a notebook reads attention from).
 */
export async function archiveFinishedRuns(runsRoot: string, archiveRoot: string, options: { experiments?: readonly string[]; withModel?: WithModel } = {}): Promise<ArchivedRun[]> {
  const done: ArchivedRun[] = [];
  for (const [exp, variants] of finishedRuns(runsRoot)) {
    if (options.experiments?.length && !options.experiments.includes(exp)) continue;
    for (const seeds of variants.values()) {
      for (const dir of seeds.values()) {
        if (isUnder(archiveRoot, dir)) continue; // already the archive
        done.push(await archiveRun(dir, archiveRoot, { withModel: options.withModel }));
      }
    }
  }
  return done;
}

const sameFile = (a: string, b: string) => existsSync(a) && existsSync(b) && readFileSync(a).equals(readFileSync(b));
