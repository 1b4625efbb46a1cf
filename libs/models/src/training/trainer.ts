import * as tf from '@tensorflow/tfjs';
import { createRng, writeFolderAtomic } from '@efficientecg/datasets';
import { saveModelToDir } from '../io';
import type { ConfusionMatrix } from '../metrics/confusion';
import { BEST_MODEL_DIR, hasCheckpoint, restoreCheckpoint, saveCheckpoint, type TrainerState } from './checkpoint';
import { evaluateSource, lossFromProbabilities, type TaskKind } from './evaluate';
import type { ExampleSource } from './example-source';
import type { EpochRecord } from './history';
import { balancedEpochOrder, batchesOf, epochSeed, inverseFrequencyWeights, shuffledEpochOrder } from './sampling';
import { LearningRateController, type LearningRateSchedule } from './schedule';
import { recalibrateBatchNorm, recalibrateBatchNormWith } from './batch-norm';
import { stepRandomSeed, withSeededMathRandom } from './seeded-random';
import { ParallelTrainer, type ParallelOptions } from './parallel/engine';
import { join } from 'node:path';

export type Monitor = 'val_loss' | 'val_macro_f1' | 'val_score';

export type TrainEvent =
  | { type: 'epoch-start'; epoch: number; epochs: number; steps: number; learningRate: number }
  | { type: 'batch'; epoch: number; step: number; steps: number; loss: number }
  | { type: 'epoch-end'; record: EpochRecord; improved: boolean }
  | { type: 'resumed'; fromEpoch: number }
  | { type: 'early-stop'; epoch: number; bestEpoch: number };

export interface TrainOptions {
  model: tf.LayersModel;
  task: TaskKind;
  train: ExampleSource;
  validation: ExampleSource;
  epochs: number;
  batchSize: number;
  learningRate: number;
  schedule: LearningRateSchedule;
  balance: 'none' | 'class-weights' | 'balanced-sampling';
  earlyStoppingPatience: number;
  monitor: Monitor;
  /** Upper bound of the inverse-frequency class weights (default: none). */
  maxClassWeight?: number;
  /** Examples drawn per epoch (default: the whole training set); a seeded draw each epoch, for large sets such as MIT-BIH's 41k DS1 beats. */
  examplesPerEpoch?: number;
  /** Training batches over which BN statistics are recomputed after each epoch ("precise BN", see batch-norm.ts); absent or 0: keep the moving averages. */
  batchNormRecalibrationBatches?: number;
  seed: number;
  /** The task's score from a validation confusion matrix (e.g. the CinC 2017 score); default macro-F1. */
  score?: (confusion: ConfusionMatrix) => number;
  /** Validation windows of one group (record) are averaged into one prediction before scoring (evaluateSource's perGroup). */
  validationPerGroup?: boolean;
  /** Run folder: checkpoints/ each epoch and best-model/ go here; none: no checkpoints. */
  runDir?: string;
  /** Continue from runDir's latest checkpoint when there is one. */
  resume?: boolean;
  onEvent?: (e: TrainEvent) => void;
  /** Checked after each epoch's checkpoint; true stops the run there (tests use it to simulate a kill). */
  shouldStop?: () => boolean;
  /** Data-parallel training over this many worker threads, each on its own wasm backend (parallel/); absent or 1: train in this thread. */
  workers?: number;
  /** Settings of data-parallel training (recipe for the workers' model, weight checks). */
  parallel?: ParallelOptions;
}

export interface TrainResult {
  history: EpochRecord[];
  best: { epoch: number; value: number } | null;
  stoppedEarly: boolean;
  resumedFrom: number | null;
}

/** The underlying variables of a model's trainable weights (what the optimizer updates). */
function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
}

const classWeightsOf = (o: TrainOptions) =>
  o.task === 'single-label' && o.balance === 'class-weights' ? inverseFrequencyWeights(o.train.labels!, o.train.nClasses, o.maxClassWeight) : null;

/**
 * Train with Adam, a learning-rate schedule, class weights or balanced sampling,
 * early stopping on the validation split, seeded shuffling and dropout masks (a seed
 * repeats a run exactly on wasm/cpu), a checkpoint per epoch (atomic) and exact resume. `workers` > 1: the gradients of each batch and
 * the validation predictions come from worker threads (data-parallel, see parallel/engine.ts); everything else stays here.
 */
export async function trainModel(o: TrainOptions): Promise<TrainResult> {
  if ((o.workers ?? 1) <= 1) return trainWith(o, null);
  const parallel = await ParallelTrainer.start({ ...o.parallel, model: o.model, workers: o.workers!, task: o.task, classWeights: classWeightsOf(o) });
  try {
    return await trainWith(o, parallel);
  } finally {
    await parallel.close();
  }
}

async function trainWith(o: TrainOptions, parallel: ParallelTrainer | null): Promise<TrainResult> {
  const optimizer = tf.train.adam(o.learningRate);
  const higherIsBetter = o.monitor !== 'val_loss';
  const classWeights = classWeightsOf(o);
  let state: TrainerState;
  let resumedFrom: number | null = null;
  if (o.resume && o.runDir && hasCheckpoint(o.runDir)) {
    state = await restoreCheckpoint(o.runDir, o.model, optimizer);
    resumedFrom = state.epoch;
    o.onEvent?.({ type: 'resumed', fromEpoch: state.epoch });
  } else {
    state = { epoch: 0, history: [], best: null, badEpochs: 0, schedule: { rate: o.learningRate, best: null, badEpochs: 0 } };
  }
  const lr = new LearningRateController(o.schedule, o.learningRate, o.epochs, state.schedule);
  const vars = trainableVariables(o.model);
  let stoppedEarly = false;

  for (let epoch = state.epoch; epoch < o.epochs; epoch++) {
    if (o.earlyStoppingPatience > 0 && state.badEpochs >= o.earlyStoppingPatience) break;
    const t0 = Date.now();
    const rate = lr.rateFor(epoch);
    (optimizer as unknown as { learningRate: number }).learningRate = rate;
    const order =
      o.balance === 'balanced-sampling' && o.task === 'single-label'
        ? balancedEpochOrder(o.train.labels!, o.train.nClasses, o.seed, epoch)
        : shuffledEpochOrder(o.train.size, o.seed, epoch);
    const batches = batchesOf(o.examplesPerEpoch ? order.slice(0, o.examplesPerEpoch) : order, o.batchSize);
    const augment = createRng(epochSeed(o.seed, epoch) ^ 0x5bd1e995);
    o.onEvent?.({ type: 'epoch-start', epoch, epochs: o.epochs, steps: batches.length, learningRate: rate });
    let lossSum = 0;
    let seen = 0;
    for (let step = 0; step < batches.length; step++) {
      const batch = o.train.batch(batches[step], { training: true, rng: augment });
      if (parallel) {
        const loss = await parallel.step(batch, optimizer, stepRandomSeed(o.seed, epoch, step));
        tf.dispose([...batch.inputs, batch.targets]);
        lossSum += loss * batches[step].length;
        seen += batches[step].length;
        o.onEvent?.({ type: 'batch', epoch, step: step + 1, steps: batches.length, loss });
        continue;
      }
      const cost = withSeededMathRandom(stepRandomSeed(o.seed, epoch, step), () =>
        optimizer.minimize(
          () => {
            const x = batch.inputs.length === 1 ? batch.inputs[0] : batch.inputs;
            const probs = o.model.apply(x, { training: true }) as tf.Tensor;
            return lossFromProbabilities(probs, batch.targets, o.task, classWeights);
          },
          true,
          vars,
        ),
      );
      const loss = (await cost!.data())[0];
      cost!.dispose();
      tf.dispose([...batch.inputs, batch.targets]);
      lossSum += loss * batches[step].length;
      seen += batches[step].length;
      o.onEvent?.({ type: 'batch', epoch, step: step + 1, steps: batches.length, loss });
      // on wasm/cpu every await above resolves as a microtask: yield a turn so timers (progress output) and signal handlers run
      await new Promise((resolve) => setImmediate(resolve));
    }
    const tTrained = Date.now();
    if (o.batchNormRecalibrationBatches) {
      const recalibration = { batches: o.batchNormRecalibrationBatches, batchSize: o.batchSize, seed: o.seed, epoch };
      // with workers, one batch per worker at a time; the moving statistics come out bit-identical
      if (parallel) await recalibrateBatchNormWith(o.model, o.train, recalibration, parallel.statisticsProvider());
      else recalibrateBatchNorm(o.model, o.train, recalibration);
    }
    const tRecalibrated = Date.now();
    // with workers, validation runs on them too (inference on the main thread would leave all but one core idle)
    const val = await evaluateSource(o.model, o.validation, {
      task: o.task,
      batchSize: o.batchSize,
      score: o.score,
      perGroup: o.validationPerGroup,
      predictBatch: parallel?.predictor(),
    });
    const tValidated = Date.now();
    const record: EpochRecord = {
      epoch: epoch + 1,
      learningRate: rate,
      trainLoss: lossSum / Math.max(1, seen),
      valLoss: val.loss,
      valAccuracy: val.accuracy,
      valMacroF1: val.macroF1,
      valScore: val.score,
      seconds: (tValidated - t0) / 1000,
      trainSeconds: (tTrained - t0) / 1000,
      recalibrationSeconds: (tRecalibrated - tTrained) / 1000,
      validationSeconds: (tValidated - tRecalibrated) / 1000,
    };
    const monitored = o.monitor === 'val_loss' ? val.loss : o.monitor === 'val_macro_f1' ? val.macroF1 : val.score;
    const improved = state.best === null || (higherIsBetter ? monitored > state.best.value : monitored < state.best.value);
    if (improved) {
      state.best = { epoch: epoch + 1, value: monitored };
      state.badEpochs = 0;
      if (o.runDir) await writeFolderAtomic(join(o.runDir, BEST_MODEL_DIR), (tmp) => saveModelToDir(o.model, tmp).then(() => undefined));
    } else state.badEpochs++;
    lr.observe(monitored, higherIsBetter);
    state.history.push(record);
    state.epoch = epoch + 1;
    state.schedule = lr.snapshot();
    if (o.runDir) await saveCheckpoint(o.runDir, o.model, optimizer, state);
    o.onEvent?.({ type: 'epoch-end', record, improved });
    if (o.earlyStoppingPatience > 0 && state.badEpochs >= o.earlyStoppingPatience && epoch + 1 < o.epochs) {
      stoppedEarly = true;
      o.onEvent?.({ type: 'early-stop', epoch: epoch + 1, bestEpoch: state.best!.epoch });
      break;
    }
    if (o.shouldStop?.()) break;
  }
  optimizer.dispose();
  return { history: state.history, best: state.best, stoppedEarly, resumedFrom };
}
