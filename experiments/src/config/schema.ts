import { z } from 'zod';

/**
 * The experiment config schema. Every field a run depends on is here, typed, with
 * its default; unknown fields are rejected (strict objects) so that a typo in a
 * config is an error, not a silently ignored setting.
 */

const positiveInt = z.int().positive();
const fraction = z.number().min(0).max(1);

const cropAnchor = z.enum(['start', 'center', 'random']);
const padMode = z.enum(['zero', 'edge']);
export const lengthPolicySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('crop'), length: positiveInt, anchor: cropAnchor.optional() }),
  z.strictObject({ kind: z.literal('pad'), length: positiveInt, mode: padMode.optional() }),
  z.strictObject({ kind: z.literal('crop-or-pad'), length: positiveInt, anchor: cropAnchor.optional(), mode: padMode.optional() }),
  z.strictObject({ kind: z.literal('sliding'), length: positiveInt, stride: positiveInt, mode: padMode.optional() }),
]);

const splitFractions = z
  .tuple([fraction, fraction, fraction])
  .refine((f) => Math.abs(f[0] + f[1] + f[2] - 1) < 1e-9, { message: 'train/validation/test fractions must sum to 1' });

export const dataSchema = z.discriminatedUnion('dataset', [
  z.strictObject({
    dataset: z.literal('mitdb'),
    /** 'intra-patient' exists only to reproduce papers that used it (it leaks patients). */
    split: z.enum(['inter-patient', 'intra-patient']).default('inter-patient'),
    window: z.strictObject({ before: z.int().nonnegative(), after: positiveInt }).default({ before: 90, after: 166 }),
    channels: z.array(z.int().nonnegative()).min(1).default([0, 1]),
    validationFraction: fraction.default(0.2),
    /**
     * Patient-wise cross-validation on DS1: seed n validates on fold (n mod validationFolds) of
     * a fixed partition of the DS1 patients (validationFraction is then unused), so seeds
     * 0..validationFolds-1 hold out every DS1 patient once.
     */
    validationFolds: z.int().min(2).optional(),
  }),
  z.strictObject({
    dataset: z.literal('cinc2017'),
    fractions: splitFractions.default([0.7, 0.1, 0.2]),
    /**
     * Seed of the stratified train/validation/test draw. Absent: the run's seed, so every seed
     * is also a new split. Fixed: all seeds share one test set, so their results pair and their
     * seed ensemble is scored on records none of its members trained on.
     */
    splitSeed: z.int().nonnegative().optional(),
    /** Resampling target (Hz); the records are at 300 Hz. */
    fs: positiveInt.default(300),
    trainPolicy: lengthPolicySchema.default({ kind: 'crop-or-pad', length: 3000, anchor: 'random' }),
    /** Evaluation windows are aggregated per record (mean of probabilities). */
    evalPolicy: lengthPolicySchema.default({ kind: 'sliding', length: 3000, stride: 1500 }),
  }),
  z.strictObject({
    dataset: z.literal('ptbxl'),
    task: z.enum(['normal-abnormal', 'superclasses']),
    leadSet: z.enum(['12', 'hmic8']).default('12'),
    /** 'folds': PTB-XL strat_fold 1-8/9/10 (records with folds only); 'patient': every record, patient-aware. */
    split: z.enum(['folds', 'patient']).default('patient'),
    /** Resampling target (Hz; absent: the records' own rate). 100 Hz is PTB-XL's own low-rate version and its usual benchmark rate. */
    fs: positiveInt.optional(),
  }),
  z.strictObject({
    dataset: z.literal('cinc2021'),
    leadSet: z.enum(['12', 'hmic8']).default('12'),
    fs: positiveInt.default(500),
    fractions: splitFractions.default([0.7, 0.1, 0.2]),
  }),
]);

/** The detectors `detectRPeaks` ships with (a spec keeps this list equal to the registry). */
export const rPeakMethodSchema = z.enum(['pan-tompkins', 'hamilton']);

export const modelNames = ['efficientecg', 'efficientnet1d', 'resnet34-hannun', 'resnet18-se', 'cnn-lstm', 'ecg-transformer'] as const;

export const modelSchema = z.strictObject({
  name: z.enum(modelNames),
  /** EfficientNet-1D variant of the signal branch. */
  variant: z.enum(['b0', 'lite']).default('lite'),
  /** Ablation switches (EfficientECG): squeeze-and-excitation, LSTM-AE feature branch, age/sex cross-attention. */
  se: z.boolean().default(true),
  lstmAE: z.boolean().default(true),
  fusion: z.boolean().default(true),
  /** Multiplies every depthwise kernel (rounded to the next odd size): wider kernels for ECG sampling rates. */
  kernelScale: z.number().positive().default(1),
  dropout: fraction.default(0.2),
  /** Let the classifier's loss update the pretrained LSTM-AE encoder (false: frozen after pretraining). */
  lstmAEFineTune: z.boolean().default(false),
  /** Extension (not in the paper): per-beat RR-interval ratios to the record's median RR as a direct input (beat data sets only). */
  rrFeatures: z.boolean().default(false),
  /** Extension (not in the paper): the record's median beat beside each beat window as extra leads (beat data sets only). */
  recordTemplate: z.boolean().default(false),
  /** Extension (not in the paper): the whole record's rhythm (RR irregularity, P-wave share, beat coverage) beside each window as a direct input (CinC 2017 records). */
  rhythmFeatures: z.boolean().default(false),
  /** R-peak detector behind the model's beat inputs (LSTM-AE beat features, record rhythm); absent: the library default (pan-tompkins). CinC 2017 records. */
  rPeakMethod: rPeakMethodSchema.optional(),
});

/** A variant's overrides of `model`: the same fields, all optional and without defaults (a default here would silently reset the base). */
export const modelOverridesSchema = z.strictObject({
  name: z.enum(modelNames).optional(),
  variant: z.enum(['b0', 'lite']).optional(),
  se: z.boolean().optional(),
  lstmAE: z.boolean().optional(),
  fusion: z.boolean().optional(),
  kernelScale: z.number().positive().optional(),
  dropout: fraction.optional(),
  lstmAEFineTune: z.boolean().optional(),
  rrFeatures: z.boolean().optional(),
  recordTemplate: z.boolean().optional(),
  rhythmFeatures: z.boolean().optional(),
  rPeakMethod: rPeakMethodSchema.optional(),
});

/**
 * A variant's overrides of `training`: only how long it trains, so that "the same model trained
 * longer" is a variant sharing the experiment's test set and paired tables.
 */
export const trainingOverridesSchema = z.strictObject({
  epochs: positiveInt.optional(),
  earlyStoppingPatience: z.int().nonnegative().optional(),
});

/** One named variant: overrides of `model`, and optionally of the training length. */
export const variantSchema = modelOverridesSchema.extend({ training: trainingOverridesSchema.optional() });

export const scheduleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant') }),
  z.strictObject({ kind: z.literal('cosine'), minLearningRate: z.number().nonnegative().default(1e-5) }),
  z.strictObject({ kind: z.literal('step'), every: positiveInt, factor: z.number().positive().max(1) }),
  z.strictObject({ kind: z.literal('plateau'), patience: positiveInt, factor: z.number().positive().max(1), minLearningRate: z.number().nonnegative().default(1e-6) }),
]);

export const trainingSchema = z.strictObject({
  epochs: positiveInt,
  batchSize: positiveInt,
  learningRate: z.number().positive().default(1e-3),
  schedule: scheduleSchema.default({ kind: 'cosine', minLearningRate: 1e-5 }),
  /** How class imbalance is met: none, loss weights inverse to class frequency, or balanced batches. */
  balance: z.enum(['none', 'class-weights', 'balanced-sampling']).default('class-weights'),
  /** Cap of the inverse-frequency class weights (a class of 8 examples would otherwise weigh ~1,000 on MIT-BIH). */
  maxClassWeight: z.number().positive().default(10),
  /** Epochs without improvement of `monitor` on the validation split before stopping (0: never stop early). */
  earlyStoppingPatience: z.int().nonnegative().default(5),
  monitor: z.enum(['val_loss', 'val_macro_f1', 'val_score']).default('val_macro_f1'),
  /** Epochs of LSTM-AE reconstruction pretraining (its own stage, reused by every variant with lstmAE). */
  lstmAEPretrainEpochs: z.int().nonnegative().default(10),
  /** Examples drawn per epoch (a fresh seeded draw each epoch); absent: the whole training split. */
  examplesPerEpoch: positiveInt.optional(),
  /** Training batches over which batch-norm statistics are recomputed after every epoch (precise BN; 0: keep the moving averages, which went stale here). */
  batchNormRecalibrationBatches: z.int().nonnegative().default(50),
  /** Record classifiers tested on the mean of a record's windows: score the validation split the same way (per record, not per window) for early stopping and the best epoch. */
  validationPerRecord: z.boolean().default(false),
  /** Data-parallel workers (worker_threads) on the wasm backend. */
  workers: z.int().min(1).max(64).default(1),
});

/** What --quick changes: a short run that exercises the whole pipeline (CI runs these). */
export const quickSchema = z.strictObject({
  epochs: positiveInt.default(1),
  maxTrainExamples: positiveInt.default(256),
  maxEvalExamples: positiveInt.default(256),
  lstmAEPretrainEpochs: z.int().nonnegative().default(1),
});

export const experimentSchema = z.strictObject({
  /** Folder name under runs/ and the name `ecg train --experiment` takes. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  title: z.string().min(1),
  /** Which paper table, figure or ablation this reproduces. */
  reproduces: z.string().min(1),
  data: dataSchema,
  model: modelSchema,
  /** Named variants: overrides of `model` (e.g. "no-se": { "se": false }), and of the training length under "training". */
  variants: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/), variantSchema).default({ full: {} }),
  training: trainingSchema,
  quick: quickSchema.default({ epochs: 1, maxTrainExamples: 256, maxEvalExamples: 256, lstmAEPretrainEpochs: 1 }),
  seeds: z.array(z.int().nonnegative()).min(1).default([0, 1, 2]),
  /**
   * A choice between variants fixed before their runs finish (cross-validation configs): the
   * candidates and the rule, in words. Their seed ensembles' test scores stay out of the results
   * until every candidate has every fold, so none is seen before the choice.
   */
  selection: z.strictObject({ variants: z.array(z.string()).min(2), rule: z.string().min(1) }).optional(),
}).superRefine((c, ctx) => {
  for (const [i, v] of (c.selection?.variants ?? []).entries()) {
    if (!(v in c.variants)) ctx.addIssue({ code: 'custom', path: ['selection', 'variants', i], message: `no variant "${v}"; known: ${Object.keys(c.variants).join(', ')}` });
  }
  if (c.selection && !(c.data.dataset === 'mitdb' && c.data.validationFolds)) ctx.addIssue({ code: 'custom', path: ['selection'], message: 'a selection needs patient folds (data.validationFolds) to choose by out-of-fold validation' });
  // only CinC 2017 records are cut into several windows; elsewhere a group is a patient's beats or one window
  if (c.training.validationPerRecord && c.data.dataset !== 'cinc2017') ctx.addIssue({ code: 'custom', path: ['training', 'validationPerRecord'], message: `needs records cut into windows (cinc2017), not ${c.data.dataset}` });
  // folds of DS1 patients only exist in the inter-patient protocol
  if (c.data.dataset === 'mitdb' && c.data.split === 'intra-patient' && c.data.validationFolds) ctx.addIssue({ code: 'custom', path: ['data', 'validationFolds'], message: 'patient folds need the inter-patient split' });
  if (c.data.dataset === 'mitdb' && c.data.validationFolds && c.seeds.length < c.data.validationFolds) ctx.addIssue({ code: 'custom', path: ['seeds'], message: `${c.data.validationFolds} validation folds need seeds 0..${c.data.validationFolds - 1} to hold out every DS1 patient once` });
  // RR features and the record's median beat belong to one beat; a record window has many.
  // The record's rhythm belongs to a record cut into windows (CinC 2017); the model's RR input carries one or the other.
  // The detector choice is wired through the CinC 2017 pipeline (training, evaluation, export, predict) only.
  const needs = { rrFeatures: 'mitdb', recordTemplate: 'mitdb', rhythmFeatures: 'cinc2017', rPeakMethod: 'cinc2017' } as const;
  const what = { mitdb: 'beat data (mitdb)', cinc2017: 'records cut into windows (cinc2017)' } as const;
  for (const key of ['rrFeatures', 'recordTemplate', 'rhythmFeatures', 'rPeakMethod'] as const) {
    if (c.data.dataset === needs[key]) continue;
    const message = `needs ${what[needs[key]]}, not ${c.data.dataset}`;
    if (c.model[key]) ctx.addIssue({ code: 'custom', path: ['model', key], message });
    for (const [name, v] of Object.entries(c.variants)) if (v[key]) ctx.addIssue({ code: 'custom', path: ['variants', name, key], message });
  }
});

export type LengthPolicyConfig = z.infer<typeof lengthPolicySchema>;
export type DataConfig = z.infer<typeof dataSchema>;
export type ModelConfig = z.infer<typeof modelSchema>;
export type TrainingConfig = z.infer<typeof trainingSchema>;
export type QuickConfig = z.infer<typeof quickSchema>;
export type ExperimentConfig = z.infer<typeof experimentSchema>;
export type ExperimentConfigInput = z.input<typeof experimentSchema>;
export type SelectionConfig = NonNullable<ExperimentConfig['selection']>;
