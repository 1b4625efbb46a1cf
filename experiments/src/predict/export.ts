import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EcgDataError, writeFileAtomic, writeFolderAtomic } from '@efficientecg/datasets';
import { BEST_MODEL_DIR, loadModelFromDir, saveModelToDir } from '@efficientecg/models';
import type { ResolvedRunConfig } from '../config';
import { readJson } from '../runs/run-folder';
import type { RunEnvironment } from '../runs/environment';
import type { TestMetrics } from '../train/metrics-report';
import { CONTEXT_BEATS } from '../train/prepare-data';
import type { PredictorMetadata } from './metadata';

type SavedRun = ResolvedRunConfig & { inputNames: string[]; parameters: { trainable: number; total: number }; split: Record<string, unknown> };

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
  if (d.dataset === 'cinc2017') return { ...common, kind: 'record', fs: d.fs, leads: 1, evalPolicy: d.evalPolicy };
  throw new EcgDataError('BAD_ARGUMENT', run.experiment, `exporting a predictor for ${d.dataset} runs is not supported yet (single-lead record and beat classifiers are)`);
}

const pct = (x: number) => x.toFixed(3);

/** The model card: data, split, preprocessing, seed, backend, training time, metrics with CIs. */
export function modelCard(name: string, run: SavedRun, metrics: TestMetrics & { trainingSeconds?: number; bestEpoch?: number | null }, env: RunEnvironment, meta: PredictorMetadata): string {
  const lines = [
    `# Model card: ${name}`,
    '',
    `- **Model**: ${run.model.name} (variant ${run.variant}; EfficientNet-1D ${run.model.variant}; SE ${run.model.se}, LSTM-AE ${run.model.lstmAE}, fusion ${run.model.fusion}${run.model.rrFeatures ? ', RR features true' : ''}${run.model.recordTemplate ? ', record template true' : ''}), ${run.parameters.trainable.toLocaleString('en')} trainable / ${run.parameters.total.toLocaleString('en')} total parameters.`,
    `- **Data**: ${run.data.dataset} (experiment \`${run.experiment}\`); split: ${String(run.split.protocol ?? '')}; seed ${run.seed}.`,
    `- **Preprocessing**: median baseline removal (200/600 ms) and 4th-order Butterworth band-pass 0.5-40 Hz (zero-phase), resampled to ${meta.fs} Hz, z-score per window and lead; ${meta.kind === 'beat' ? `beat windows ${meta.window.before} samples before and ${meta.window.after} after the R peak, ${meta.leads} leads` : `windows of ${meta.evalPolicy.length} samples (${meta.evalPolicy.kind}${meta.evalPolicy.kind === 'sliding' ? `, stride ${meta.evalPolicy.stride}` : ''}), probabilities averaged over a record's windows`}${meta.contextBeats ? `; beat-feature context of ${meta.contextBeats} beats (RR, R amplitude, P wave, PR) for the LSTM-AE` : ''}${run.inputNames.includes('rr_features') ? '; per-beat RR-interval log ratios to the record\'s median RR (previous, next, local mean of 10, previous/local, previous/next) as a direct input' : ''}${meta.kind === 'beat' && meta.recordTemplate ? '; the record\'s median beat (per-sample median of all its z-scored beat windows) beside each window as extra leads' : ''}.`,
    `- **Training**: ${run.training.epochs} epochs max (best epoch ${metrics.bestEpoch ?? '?'})${run.training.examplesPerEpoch ? ` of ${run.training.examplesPerEpoch.toLocaleString('en')} examples each (a fresh seeded draw per epoch)` : ''}, batch ${run.training.batchSize}, Adam lr ${run.training.learningRate} (${run.training.schedule.kind}), class balance: ${run.training.balance === 'class-weights' ? `loss weights inverse to class frequency (capped at ${run.training.maxClassWeight})` : run.training.balance}${run.quick ? ', **--quick run: not a result**' : ''}; ${metrics.trainingSeconds ? `${(metrics.trainingSeconds / 60).toFixed(1)} minutes` : 'time not recorded'} on ${env.cpus} CPU cores (${env.cpuModel ?? 'unknown CPU'}), backend ${String((env.backend as { name?: string } | null)?.name ?? 'unknown')}, tfjs ${env.packages['@tensorflow/tfjs']}; commit ${env.git.commit ?? 'unknown'}${env.git.dirty ? ' (with uncommitted changes)' : ''}.`,
    '',
    `## Test metrics (${metrics.examples} ${meta.kind === 'beat' ? 'beats' : 'records'}, ${metrics.groups} ${metrics.groupUnit}; 95 % percentile-bootstrap CIs over ${metrics.groupUnit})`,
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
  lines.push(`Regenerate: \`npx ecg train --experiment ${run.experiment} --variant ${run.variant} --seed ${run.seed}${run.quick ? ' --quick' : ''}\`, then \`npx ecg export --run <run folder> --name ${name}\`.`, '');
  return lines.join('\n');
}

/** Copy a run's best model into a predictor folder (pretrained/<name>/) with its metadata and model card. */
export async function exportPredictor(runDir: string, outDir: string, name: string): Promise<PredictorMetadata> {
  const modelDir = join(runDir, BEST_MODEL_DIR);
  if (!existsSync(join(modelDir, 'model.json'))) throw new EcgDataError('MISSING_FILE', join(modelDir, 'model.json'), 'the run has no best model');
  const run = readJson<SavedRun>(join(runDir, 'config.json'));
  const metrics = readJson<TestMetrics & { trainingSeconds?: number; bestEpoch?: number | null }>(join(runDir, 'metrics.json'));
  const env = readJson<RunEnvironment>(join(runDir, 'environment.json'));
  const meta = predictorMetadataOf(run, [...metrics.classNames], metrics.task);
  const model = await loadModelFromDir(modelDir);
  await writeFolderAtomic(outDir, async (tmp) => {
    await saveModelToDir(model, tmp, { metadata: { predictor: meta, run: { experiment: run.experiment, variant: run.variant, seed: run.seed, quick: run.quick } } });
    writeFileAtomic(join(tmp, 'model-card.md'), modelCard(name, run, metrics, env, meta));
    writeFileAtomic(join(tmp, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
  });
  model.dispose();
  return meta;
}
