import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { N_RHYTHM_FEATURES, N_RR_FEATURES } from '@efficientecg/signal';
import { writeFileAtomic, writeJsonAtomic, type ResolvedDataRoot } from '@efficientecg/datasets';
import {
  BEST_MODEL_DIR,
  buildModel,
  copyWeightsByLayer,
  countParameters,
  initBackend,
  loadModelFromDir,
  meanProbabilitiesByGroup,
  predictSource,
  trainModel,
  type ArrayInput,
  type BackendInfo,
  type EpochRecord,
  type ProbabilityModel,
  type TrainEvent,
} from '@efficientecg/models';
import { loadExperimentConfig, resolveRunConfig, type ResolvedRunConfig } from '../config';
import { RecordCropSource } from '../data/cinc2017-source';
import { captureEnvironment } from '../runs/environment';
import { runDir as runDirOf, VALIDATION_PREDICTIONS_FILE } from '../runs/run-folder';
import { cachedHistory, pretrainedLstmAutoencoder, sequencesOf } from './lstm-ae-stage';
import { computeTestMetrics, type TestMetrics } from './metrics-report';
import { CONTEXT_BEATS, prepareExperimentData, type PreparedExperimentData } from './prepare-data';

export interface TrainRunOptions {
  experiment: string;
  variant: string;
  seed: number;
  quick: boolean;
  dataRoot: ResolvedDataRoot;
  backend?: string;
  /** Override the config's worker threads (data-parallel training on wasm). */
  workers?: number;
  /** Override the config's (or --quick's) epochs. */
  epochs?: number;
  resume: boolean;
  /** Folder holding runs/ (default: the workspace's runs/). */
  runsRoot?: string;
  log(message: string): void;
  onTrainEvent?(e: TrainEvent): void;
}

export interface TrainRunResult {
  runDir: string;
  metrics: TestMetrics;
  history: EpochRecord[];
  seconds: number;
}

const DATA_FOLDERS: Record<string, string> = { mitdb: 'mitdb', cinc2017: 'cinc2017', ptbxl: 'ptbxl_subset', cinc2021: 'cinc2021_sample' };

export function modelSpec(run: ResolvedRunConfig, data: PreparedExperimentData) {
  return {
    inputLength: data.inputLength,
    leads: data.leads,
    classes: data.classNames.length,
    task: data.task,
    seed: run.seed,
    variant: run.model.variant,
    se: run.model.se,
    lstmAE: run.model.lstmAE,
    fusion: run.model.fusion,
    kernelScale: run.model.kernelScale,
    dropout: run.model.dropout,
    lstmAEFineTune: run.model.lstmAEFineTune,
    contextBeats: CONTEXT_BEATS,
    // one auxiliary input: a beat's RR ratios (MIT-BIH) or a record's rhythm (CinC 2017)
    rrFeatures: run.model.rrFeatures ? N_RR_FEATURES : run.model.rhythmFeatures ? N_RHYTHM_FEATURES : 0,
  };
}

/** Train one variant of one experiment with one seed into runs/<experiment>/<variant>/seed-<n>/, then evaluate it on the test split. */
export async function trainRun(o: TrainRunOptions): Promise<TrainRunResult> {
  const t0 = Date.now();
  const config = loadExperimentConfig(o.experiment);
  const resolved = resolveRunConfig(config, { variant: o.variant, seed: o.seed, quick: o.quick });
  const run: ResolvedRunConfig = o.epochs ? { ...resolved, training: { ...resolved.training, epochs: o.epochs } } : resolved;
  const backend: BackendInfo = await initBackend({ backend: o.backend });
  o.log(`backend: ${backend.name} (${backend.reason})`);
  const dir = runDirOf(run.experiment, run.variant + (run.quick ? '-quick' : ''), run.seed, o.runsRoot);
  const latestCheckpoint = join(dir, 'checkpoints', 'latest.json');
  const resuming = o.resume && existsSync(latestCheckpoint);
  if (resuming) o.log(`resuming after epoch ${(JSON.parse(readFileSync(latestCheckpoint, 'utf8')) as { epoch: number }).epoch} (${dir})`);
  else if (o.resume) o.log(`--resume: no checkpoint in ${dir}, starting from scratch`);

  const data = prepareExperimentData(run, o.dataRoot.path, o.log);
  const built = buildModel(run.model.name, modelSpec(run, data));
  const params = countParameters(built.model);
  o.log(`${run.model.name} (${run.variant}): ${params.trainable.toLocaleString('en')} trainable of ${params.total.toLocaleString('en')} parameters; train ${data.train.size}, validation ${data.validation.size}, test ${data.test.size} examples`);
  writeJsonAtomic(join(dir, 'config.json'), { ...run, split: data.split, parameters: params, inputNames: built.inputNames });
  writeJsonAtomic(join(dir, 'environment.json'), captureEnvironment({ backend: backend as unknown as Record<string, unknown>, dataFolders: { [run.data.dataset]: join(o.dataRoot.path, DATA_FOLDERS[run.data.dataset]) } }));

  let lstmAE: { history: number[]; cached: boolean; resumed?: true } | null = null;
  // variants whose beat features come from another R-peak detector keep their own cache (the key would redo a shared one back and forth)
  const lstmAECache = join(dir, '..', '..', `_lstm-ae${run.model.rPeakMethod ? `-${run.model.rPeakMethod}` : ''}${run.quick ? '-quick' : ''}`, `seed-${run.seed}`);
  if (built.lstmAutoencoder && resuming) {
    // the checkpoint holds the encoder pretrained before the interruption; its curve is the cache's
    lstmAE = { history: cachedHistory(lstmAECache), cached: true, resumed: true };
  } else if (built.lstmAutoencoder) {
    const train = data.train as unknown as { inputs?: readonly ArrayInput[] };
    const inputs = train.inputs ?? (data.train instanceof RecordCropSource && run.data.dataset === 'cinc2017' ? data.train.windows(run.data.evalPolicy).inputs : []);
    const sequences = sequencesOf(inputs);
    if (sequences && sequences.count > 0) {
      lstmAE = await pretrainedLstmAutoencoder(built.lstmAutoencoder, sequences, { cacheDir: lstmAECache, epochs: run.training.lstmAEPretrainEpochs, seed: run.seed, log: o.log, dataKey: { data: run.data, limits: run.limits, ...(run.model.rPeakMethod ? { rPeakMethod: run.model.rPeakMethod } : {}) } });
    }
  }

  const names = built.inputNames;
  const result = await trainModel({
    model: built.model,
    task: data.task,
    train: data.train.forModel(names),
    validation: data.validation.forModel(names),
    epochs: run.training.epochs,
    batchSize: run.training.batchSize,
    learningRate: run.training.learningRate,
    schedule: run.training.schedule,
    balance: run.training.balance,
    earlyStoppingPatience: run.training.earlyStoppingPatience,
    examplesPerEpoch: run.training.examplesPerEpoch,
    batchNormRecalibrationBatches: run.training.batchNormRecalibrationBatches,
    maxClassWeight: run.training.maxClassWeight,
    // data-parallel worker threads run their own wasm backend; other backends train in this thread
    workers: backend.name === 'wasm' ? (o.workers ?? run.training.workers) : 1,
    monitor: run.training.monitor,
    seed: run.seed,
    score: data.score,
    // record classifiers: early stopping and the best epoch judged per record, as the test split is
    validationPerGroup: run.training.validationPerRecord && data.aggregateByGroup,
    runDir: dir,
    resume: o.resume,
    onEvent: o.onTrainEvent,
  });

  // evaluate the best epoch's weights on the test split
  const best = await loadModelFromDir(join(dir, BEST_MODEL_DIR));
  copyWeightsByLayer(best, built.model, join(dir, BEST_MODEL_DIR));
  best.dispose();
  const evaluation = await evaluateOnTest(built.model, built.inputNames, data, run);
  const metrics = evaluation.metrics;
  // before metrics.json and predictions.csv, which mark the run finished
  if (data.validation.size > 0) writeFileAtomic(join(dir, VALIDATION_PREDICTIONS_FILE), await validationPredictionsCsv(built.model, built.inputNames, data, run));
  // a resumed run also counts the epochs trained before the interruption (not the time lost to it)
  const secondsBeforeResume = result.resumedFrom === null ? 0 : result.history.filter((h) => h.epoch <= result.resumedFrom!).reduce((t, h) => t + h.seconds, 0);
  const seconds = (Date.now() - t0) / 1000 + secondsBeforeResume;

  writeJsonAtomic(join(dir, 'history.json'), { lstmAE, epochs: result.history, best: result.best, stoppedEarly: result.stoppedEarly, resumedFrom: result.resumedFrom });
  writeFileAtomic(join(dir, 'history.csv'), Papa.unparse(result.history, { newline: '\n' }) + '\n');
  writeJsonAtomic(join(dir, 'metrics.json'), { ...metrics, trainingSeconds: seconds, ...(result.resumedFrom === null ? {} : { resumedFromEpoch: result.resumedFrom, secondsBeforeResume }), bestEpoch: result.best?.epoch ?? null, quick: run.quick });
  writeFileAtomic(join(dir, 'predictions.csv'), evaluation.predictionsCsv);
  o.log(`wrote ${dir}`);
  return { runDir: dir, metrics, history: result.history, seconds };
}

export interface TestEvaluation {
  metrics: TestMetrics;
  predictionsCsv: string;
}

/** Predict the test split (windows averaged per record where the data set asks for it) and score it. */
/** One split's predictions, per example or, for record classifiers, averaged per record. */
interface SplitPredictions {
  ids: string[];
  groups: string[];
  labels: Int32Array | null;
  multiHot: Float32Array | null;
  probs: Float32Array;
}

async function predictSplit(model: ProbabilityModel, inputNames: string[], data: PreparedExperimentData, side: 'validation' | 'test', batchSize: number): Promise<SplitPredictions> {
  const source = data[side].forModel(inputNames);
  const probs = await predictSource(model, source, batchSize);
  if (!data.aggregateByGroup) return { ids: [...source.ids], groups: [...source.groups], labels: source.labels, multiHot: source.multiHot, probs };
  const agg = meanProbabilitiesByGroup(probs, source.groups, data.classNames.length);
  const labelOf = new Map(source.groups.map((g, i) => [g, source.labels![i]]));
  return { ids: agg.groups, groups: agg.groups, labels: Int32Array.from(agg.groups, (g) => labelOf.get(g)!), multiHot: source.multiHot, probs: agg.probs };
}

/** Which data-set-specific measures the test metrics carry (AAMI for MIT-BIH beats, the challenge score for CinC 2017). */
export const testMetricsKind = (dataset: string): 'mitdb' | 'cinc2017' | 'generic' => (dataset === 'mitdb' ? 'mitdb' : dataset === 'cinc2017' ? 'cinc2017' : 'generic');

export async function evaluateOnTest(model: ProbabilityModel, inputNames: string[], data: PreparedExperimentData, run: ResolvedRunConfig): Promise<TestEvaluation> {
  const p = await predictSplit(model, inputNames, data, 'test', run.training.batchSize);
  const metrics = computeTestMetrics({ task: data.task, classNames: data.classNames, probs: p.probs, labels: p.labels, multiHot: p.multiHot, groups: p.groups, groupUnit: data.groupUnit, kind: testMetricsKind(run.data.dataset), seed: run.seed });
  return { metrics, predictionsCsv: predictionsCsv(p.ids, p.groups, p.labels, p.multiHot, p.probs, data.classNames) };
}

/**
 * The validation split's predictions.csv at the kept epoch: what model selection saw, so
 * that selection rules (pooled over seeds, other metrics) can be judged later without the test split.
 */
export async function validationPredictionsCsv(model: ProbabilityModel, inputNames: string[], data: PreparedExperimentData, run: ResolvedRunConfig): Promise<string> {
  const p = await predictSplit(model, inputNames, data, 'validation', run.training.batchSize);
  return predictionsCsv(p.ids, p.groups, p.labels, p.multiHot, p.probs, data.classNames);
}

function predictionsCsv(ids: string[], groups: string[], labels: Int32Array | null, multiHot: Float32Array | null, probs: Float32Array, classNames: readonly string[]): string {
  const k = classNames.length;
  const rows = ids.map((id, i) => {
    const row: Record<string, string | number> = { id, group: groups[i] };
    if (labels) row.label = classNames[labels[i]];
    else classNames.forEach((c, j) => (row[`true_${c}`] = multiHot![i * k + j]));
    classNames.forEach((c, j) => (row[`p_${c}`] = Number(probs[i * k + j].toFixed(6))));
    return row;
  });
  return Papa.unparse(rows, { newline: '\n' }) + '\n';
}
