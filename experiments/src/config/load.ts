import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EcgDataError, workspaceRoot } from '@efficientecg/datasets';
import { experimentSchema, type ExperimentConfig, type ModelConfig, type TrainingConfig } from './schema';

/** Where the committed experiment configs live (one JSON file per paper table, figure or ablation). */
export function configsDir(): string {
  return join(workspaceRoot(), 'experiments', 'configs');
}

export function listExperimentNames(dir = configsDir()): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
}

/** Validate a parsed config; errors name the file and every bad field by its path. */
export function parseExperimentConfig(raw: unknown, file: string): ExperimentConfig {
  const r = experimentSchema.safeParse(raw);
  if (!r.success) throw new EcgDataError('BAD_CONFIG', file, z.prettifyError(r.error).replace(/\n/g, '; '));
  return r.data;
}

export function loadExperimentConfig(name: string, dir = configsDir()): ExperimentConfig {
  const file = join(dir, `${name}.json`);
  if (!existsSync(file)) {
    throw new EcgDataError('BAD_ARGUMENT', file, `no experiment "${name}"; known: ${listExperimentNames(dir).join(', ')}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new EcgDataError('BAD_CONFIG', file, `not valid JSON: ${(e as Error).message}`);
  }
  const config = parseExperimentConfig(raw, file);
  if (config.name !== name) throw new EcgDataError('BAD_CONFIG', file, `"name" is "${config.name}" but the file is ${name}.json`);
  return config;
}

/** One run's fully resolved settings: what is written to the run folder as config.json. */
export interface ResolvedRunConfig {
  experiment: string;
  variant: string;
  seed: number;
  quick: boolean;
  data: ExperimentConfig['data'];
  model: ModelConfig;
  training: TrainingConfig;
  /** Caps on examples in --quick mode (null: all). */
  limits: { maxTrainExamples: number | null; maxEvalExamples: number | null };
}

export function resolveRunConfig(config: ExperimentConfig, options: { variant: string; seed: number; quick: boolean }): ResolvedRunConfig {
  const overrides = config.variants[options.variant];
  if (!overrides) {
    throw new EcgDataError('BAD_ARGUMENT', config.name, `no variant "${options.variant}"; known: ${Object.keys(config.variants).join(', ')}`);
  }
  const { training: trainingOverrides, ...modelOverrides } = overrides;
  const variantTraining: TrainingConfig = { ...config.training, ...trainingOverrides };
  const training: TrainingConfig = options.quick
    ? // --quick trains in one thread: the data-parallel engine has its own tests, and worker start-up would dominate a short run
      { ...variantTraining, epochs: config.quick.epochs, lstmAEPretrainEpochs: config.quick.lstmAEPretrainEpochs, workers: 1, examplesPerEpoch: undefined }
    : variantTraining;
  return {
    experiment: config.name,
    variant: options.variant,
    seed: options.seed,
    quick: options.quick,
    data: config.data,
    model: { ...config.model, ...modelOverrides },
    training,
    limits: options.quick
      ? { maxTrainExamples: config.quick.maxTrainExamples, maxEvalExamples: config.quick.maxEvalExamples }
      : { maxTrainExamples: null, maxEvalExamples: null },
  };
}
