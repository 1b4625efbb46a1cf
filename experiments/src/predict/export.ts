import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EcgDataError, writeFileAtomic, writeFolderAtomic } from '@efficientecg/datasets';
import { BEST_MODEL_DIR, loadModelFromDir, saveModelToDir } from '@efficientecg/models';
import { DEFAULT_RPEAK_METHOD, RHYTHM_FEATURE_NAMES } from '@efficientecg/signal';
import type { ResolvedRunConfig } from '../config';
import { readJson } from '../runs/run-folder';
import type { RunEnvironment } from '../runs/environment';
import { readPredictions, seedEnsemble } from '../results/predictions';
import { predictionsFileOf } from '../runs/finished';
import { computeTestMetrics, testSetSize, type TestMetrics } from '../train/metrics-report';
import { CONTEXT_BEATS } from '../train/prepare-data';
import { testMetricsKind } from '../train/train-run';
import { ENSEMBLE_FILE, type EnsembleManifest, type PredictorMetadata } from './metadata';

type SavedRun = ResolvedRunConfig & { inputNames: string[]; parameters: { trainable: number; total: number }; split: Record<string, unknown> };
type RunMetrics = TestMetrics & { trainingSeconds?: number; bestEpoch?: number | null; resumedFromEpoch?: number };

/** One member of a seed ensemble, as its model card lists it. */
export interface EnsembleMember {
  seed: number;
  bestEpoch: number | null;
  trainingSeconds: number | null;
  /** The commit the member was trained at, and whether its dropout masks came from its seed (RunEnvironment.seededMasks). */
  commit: string | null;
  seededMasks: boolean;
  /** The member's own test metrics (headline estimates). */
  summary: Record<string, number>;
}

export function predictorMetadataOf(run: SavedRun, classNames: string[], task: 'single-label' | 'multi-label'): PredictorMetadata {
  const common = {
    experiment: run.experiment,
    variant: run.variant,
    seed: run.seed,
    task,
    classNames,
    inputNames: run.inputNames,
    contextBeats: run.inputNames.includes('beat_features') ? CONTEXT_BEATS : 0,
  };
  const d = run.data;
  if (d.dataset === 'mitdb') return { ...common, kind: 'beat', fs: 360, leads: d.channels.length, window: d.window, recordTemplate: run.model.recordTemplate === true };
  if (d.dataset === 'cinc2017') return { ...common, kind: 'record', fs: d.fs, leads: 1, evalPolicy: d.evalPolicy, ...(run.model.rPeakMethod ? { rPeakMethod: run.model.rPeakMethod } : {}) };
  throw new EcgDataError('BAD_ARGUMENT', run.experiment, `exporting a predictor for ${d.dataset} runs is not supported yet (single-lead record and beat classifiers are)`);
}

const pct = (x: number) => x.toFixed(3);

/** Seeds of a patient-fold config (`data.validationFolds`) pick the validation fold: say so, not just the seed. */
export function foldsNote(run: Pick<ResolvedRunConfig, 'data' | 'seed'>, ensemble: boolean, seeds: string): string {
  const k = 'validationFolds' in run.data ? run.data.validationFolds : undefined;
  if (!k) return ensemble ? `seeds ${seeds}, which share one test set` : `seed ${run.seed}`;
  const cv = `patient-wise ${k}-fold cross-validation over the training records`;
  return ensemble
    ? `seeds ${seeds}, one per validation fold of a ${cv} (each member trained on the other folds and stopped early on its own), which share one test set`
    : `seed ${run.seed}, validated on fold ${run.seed % k} of a ${cv} and trained on the others`;
}

/** The model card: data, split, preprocessing, seed, backend, training time, metrics with CIs. */
export function modelCard(name: string, run: SavedRun, metrics: RunMetrics, env: RunEnvironment, meta: PredictorMetadata, members: readonly EnsembleMember[] = []): string {
  const ensemble = members.length > 1;
  const seeds = members.map((m) => m.seed).join(', ');
  const bestEpoch = ensemble ? `best epochs ${members.map((m) => m.bestEpoch ?? '?').join(', ')}` : `best epoch ${metrics.bestEpoch ?? '?'}`;
  const time = metrics.trainingSeconds ? `${(metrics.trainingSeconds / 60).toFixed(1)} minutes${ensemble ? ` in total for the ${members.length} members` : ''}${!ensemble && metrics.resumedFromEpoch ? ` (resumed after epoch ${metrics.resumedFromEpoch}; the time lost to the interruption is not counted)` : ''}` : 'time not recorded';
  const lines = [
    `# Model card: ${name}`,
    '',
    `- **Model**: ${ensemble ? `a seed ensemble of ${members.length} models (their class probabilities averaged), each ` : ''}${run.model.name} (variant ${run.variant}; EfficientNet-1D ${run.model.variant}; SE ${run.model.se}, LSTM-AE ${run.model.lstmAE}, fusion ${run.model.fusion}${run.model.rrFeatures ? ', RR features true' : ''}${run.model.recordTemplate ? ', record template true' : ''}${run.model.rhythmFeatures ? ', record rhythm features true' : ''}), ${run.parameters.trainable.toLocaleString('en')} trainable / ${run.parameters.total.toLocaleString('en')} total parameters.`,
    `- **Data**: ${run.data.dataset} (experiment \`${run.experiment}\`); split: ${String(run.split.protocol ?? '')}; ${foldsNote(run, ensemble, seeds)}.`,
    `- **Preprocessing**: median baseline removal (200/600 ms) and 4th-order Butterworth band-pass 0.5-40 Hz (zero-phase), resampled to ${meta.fs} Hz, z-score per window and lead; ${meta.kind === 'beat' ? `beat windows ${meta.window.before} samples before and ${meta.window.after} after the R peak, ${meta.leads} leads` : `windows of ${meta.evalPolicy.length} samples (${meta.evalPolicy.kind}${meta.evalPolicy.kind === 'sliding' ? `, stride ${meta.evalPolicy.stride}` : ''}), probabilities averaged over a record's windows`}${meta.kind === 'record' && (meta.contextBeats || run.model.rhythmFeatures) ? `; R peaks by ${run.model.rPeakMethod ?? DEFAULT_RPEAK_METHOD}` : ''}${meta.contextBeats ? `; beat-feature context of ${meta.contextBeats} beats (RR, R amplitude, P wave, PR) for the LSTM-AE` : ''}${run.inputNames.includes('rr_features') ? (meta.kind === 'beat' ? '; per-beat RR-interval log ratios to the record\'s median RR (previous, next, local mean of 10, previous/local, previous/next) as a direct input' : `; the whole record's rhythm (${RHYTHM_FEATURE_NAMES.join(', ')}; from its detected beats) beside every window as a direct input`) : ''}${meta.kind === 'beat' && meta.recordTemplate ? '; the record\'s median beat (per-sample median of all its z-scored beat windows) beside each window as extra leads' : ''}.`,
    `- **Training**: ${run.training.epochs} epochs max (${bestEpoch})${run.training.examplesPerEpoch ? ` of ${run.training.examplesPerEpoch.toLocaleString('en')} examples each (a fresh seeded draw per epoch)` : ''}, batch ${run.training.batchSize}, Adam lr ${run.training.learningRate} (${run.training.schedule.kind}), class balance: ${run.training.balance === 'class-weights' ? `loss weights inverse to class frequency (capped at ${run.training.maxClassWeight})` : run.training.balance}${run.quick ? ', **--quick run: not a result**' : ''}; ${time} on ${env.cpus} CPU cores (${env.cpuModel ?? 'unknown CPU'}), backend ${String((env.backend as { name?: string } | null)?.name ?? 'unknown')}, tfjs ${env.packages['@tensorflow/tfjs']}; ${ensemble ? 'commits per member below' : `commit ${env.git.commit ?? 'unknown'}${env.git.dirty ? ' (with uncommitted changes)' : ''}`}.`,
    '',
    `## Test metrics${ensemble ? ' of the ensemble' : ''} (${testSetSize(metrics, meta.kind === 'beat' ? 'beats' : 'records')}; 95 % percentile-bootstrap CIs over ${metrics.groupUnit})`,
    '',
    '| metric | value | 95 % CI |',
    '|---|---:|---|',
    ...Object.entries(metrics.summary).map(([k, ci]) => `| ${k} | ${pct(ci.estimate)} | ${pct(ci.low)}-${pct(ci.high)} |`),
    '',
  ];
  if (metrics.perClass) {
    lines.push('| class | precision | recall | F1 | support |', '|---|---:|---:|---:|---:|');
    for (const c of metrics.perClass) lines.push(`| ${c.name} | ${pct(c.precision)} | ${pct(c.recall)} | ${pct(c.f1)} | ${c.support} |`);
    lines.push('');
  }
  if (metrics.aami) {
    const a = metrics.aami;
    lines.push(`AAMI (Q excluded, F->V not counted against V): Se/+P S ${pct(a.perClass.S.se)}/${pct(a.perClass.S.ppv)}, V ${pct(a.perClass.V.se)}/${pct(a.perClass.V.ppv)}; kappa ${pct(a.kappa)}; j ${pct(a.jIndex)}; jk ${pct(a.jkIndex)}.`, '');
  }
  if (ensemble) {
    const keys = Object.keys(members[0].summary);
    lines.push(`## Members (each model alone on the same test ${metrics.groupUnit})`, '', `| seed | best epoch | minutes | commit | ${keys.join(' | ')} |`, `|---:|---:|---:|---|${keys.map(() => '---:|').join('')}`);
    for (const m of members) lines.push(`| ${m.seed} | ${m.bestEpoch ?? '?'} | ${m.trainingSeconds === null ? '?' : (m.trainingSeconds / 60).toFixed(1)} | ${m.commit?.slice(0, 7) ?? '?'} | ${keys.map((k) => pct(m.summary[k])).join(' | ')} |`);
    lines.push('');
    lines.push(`Regenerate: \`npx ecg train --experiment ${run.experiment} --variant ${run.variant} --seed N${run.quick ? ' --quick' : ''}\` for N in ${seeds}, then \`npx ecg export ${members.map((m) => `--run <seed-${m.seed} run folder>`).join(' ')} --name ${name}\`.`, '');
  } else lines.push(`Regenerate: \`npx ecg train --experiment ${run.experiment} --variant ${run.variant} --seed ${run.seed}${run.quick ? ' --quick' : ''}\`, then \`npx ecg export --run <run folder> --name ${name}\`.`, '');
  const unseeded = ensemble ? members.filter((m) => !m.seededMasks).map((m) => m.seed) : env.seededMasks ? [] : [run.seed];
  if (unseeded.length > 0) {
    const which = ensemble ? (unseeded.length === members.length ? 'Every member was' : unseeded.length > 1 ? `Members with seeds ${unseeded.join(', ')} were` : `Member with seed ${unseeded[0]} was`) : 'This model was';
    lines.push(`${which} trained before dropout and DropConnect masks were drawn from the run seed (commit a200566, 2026-12-07): retraining repeats the configuration and the split, not the weights bit for bit (README, "Seeds and repeatability").`, '');
  }
  return lines.join('\n');
}

interface ExportableRun {
  dir: string;
  run: SavedRun;
  metrics: RunMetrics;
  env: RunEnvironment;
  meta: PredictorMetadata;
}

function readExportableRun(runDir: string): ExportableRun {
  const modelDir = join(runDir, BEST_MODEL_DIR);
  if (!existsSync(join(modelDir, 'model.json'))) throw new EcgDataError('MISSING_FILE', join(modelDir, 'model.json'), 'the run has no best model');
  const run = readJson<SavedRun>(join(runDir, 'config.json'));
  const metrics = readJson<RunMetrics>(join(runDir, 'metrics.json'));
  const env = readJson<RunEnvironment>(join(runDir, 'environment.json'));
  return { dir: runDir, run, metrics, env, meta: predictorMetadataOf(run, [...metrics.classNames], metrics.task) };
}

/**
 * The ensemble's metadata: its members must turn records into inputs the same way (every field
 * but the seed equal) and have distinct seeds.
 */
function ensembleMetadata(runs: readonly ExportableRun[]): PredictorMetadata {
  const [first] = runs;
  const seen = new Map<number, string>();
  for (const r of runs) {
    const other = seen.get(r.meta.seed);
    if (other !== undefined) throw new EcgDataError('BAD_ARGUMENT', r.dir, `seed ${r.meta.seed} is already a member (${other}); an ensemble's members need distinct seeds`);
    seen.set(r.meta.seed, r.dir);
    const fields = new Set([...Object.keys(first.meta), ...Object.keys(r.meta)]);
    fields.delete('seed');
    const get = (m: PredictorMetadata, f: string) => JSON.stringify((m as Record<string, unknown>)[f]);
    const differing = [...fields].find((f) => get(r.meta, f) !== get(first.meta, f));
    if (differing) throw new EcgDataError('BAD_ARGUMENT', r.dir, `cannot join an ensemble with ${first.dir}: ${differing} is ${get(r.meta, differing)} here and ${get(first.meta, differing)} there`);
  }
  return { ...first.meta, seeds: runs.map((r) => r.meta.seed) };
}

/** The ensemble's test metrics, from the members' test predictions (averaged per example). */
function ensembleTestMetrics(runs: readonly ExportableRun[]): TestMetrics {
  const predictions = runs.map((r) => {
    const file = predictionsFileOf(r.dir);
    if (!file) throw new EcgDataError('MISSING_FILE', join(r.dir, 'predictions.csv'), 'the run has no test predictions to score the ensemble with');
    return readPredictions(file);
  });
  const mean = seedEnsemble(predictions);
  if (!mean) throw new EcgDataError('BAD_ARGUMENT', runs.map((r) => r.dir).join(', '), 'the runs were tested on different examples (a split seeded by the run seed?); an ensemble needs one shared test set (data.splitSeed)');
  const [first] = runs;
  return computeTestMetrics({
    task: first.metrics.task,
    classNames: mean.classNames,
    probs: Float32Array.from(mean.probs.flat()),
    labels: mean.labels ? Int32Array.from(mean.labels) : null,
    multiHot: mean.targets ? Float32Array.from(mean.targets.flat()) : null,
    groups: mean.groups,
    groupUnit: first.metrics.groupUnit,
    kind: testMetricsKind(first.run.data.dataset),
    seed: first.run.seed,
  });
}

/**
 * Copy a run's best model into a predictor folder (pretrained/<name>/) with its metadata and
 * model card; given several runs of one variant, a seed ensemble: each member's model in
 * seed-<n>/, the manifest in ensemble.json, and the ensemble's own test metrics.
 */
export async function exportPredictor(runDirs: string | readonly string[], outDir: string, name: string): Promise<PredictorMetadata> {
  const dirs = typeof runDirs === 'string' ? [runDirs] : [...runDirs];
  if (dirs.length === 0) throw new EcgDataError('BAD_ARGUMENT', outDir, 'no run to export');
  const runs = dirs.map(readExportableRun);
  const [first] = runs;
  const ensemble = runs.length > 1;
  const meta = ensemble ? ensembleMetadata(runs) : first.meta;
  const metrics: RunMetrics = ensemble
    ? { ...ensembleTestMetrics(runs), trainingSeconds: runs.reduce((t, r) => t + (r.metrics.trainingSeconds ?? 0), 0) || undefined, bestEpoch: null }
    : first.metrics;
  const members: EnsembleMember[] = ensemble
    ? runs.map((r) => ({
        seed: r.meta.seed,
        bestEpoch: r.metrics.bestEpoch ?? null,
        trainingSeconds: r.metrics.trainingSeconds ?? null,
        commit: r.env.git.commit,
        seededMasks: r.env.seededMasks === true,
        summary: Object.fromEntries(Object.entries(r.metrics.summary).map(([k, ci]) => [k, ci.estimate])),
      }))
    : [];
  await writeFolderAtomic(outDir, async (tmp) => {
    for (const r of runs) {
      const model = await loadModelFromDir(join(r.dir, BEST_MODEL_DIR));
      const to = ensemble ? join(tmp, memberFolder(r.meta.seed)) : tmp;
      await saveModelToDir(model, to, { metadata: { predictor: r.meta, run: { experiment: r.run.experiment, variant: r.run.variant, seed: r.run.seed, quick: r.run.quick } } });
      model.dispose();
    }
    if (ensemble) {
      const manifest: EnsembleManifest = { members: runs.map((r) => memberFolder(r.meta.seed)), predictor: meta };
      writeFileAtomic(join(tmp, ENSEMBLE_FILE), JSON.stringify(manifest, null, 2) + '\n');
    }
    writeFileAtomic(join(tmp, 'model-card.md'), modelCard(name, first.run, metrics, first.env, meta, members));
    writeFileAtomic(join(tmp, 'metrics.json'), JSON.stringify(ensemble ? { ...metrics, members } : metrics, null, 2) + '\n');
  });
  return meta;
}

const memberFolder = (seed: number) => `seed-${seed}`;
