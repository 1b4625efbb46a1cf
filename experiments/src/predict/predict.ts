import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import {
  EcgDataError,
  assertFiniteRecord,
  isBeatSymbol,
  normalizeRecordPath,
  readRecord,
  readWfdbAnnotations,
  workspaceRoot,
  type EcgRecord,
} from '@efficientecg/datasets';
import { averagedModels, loadModelFromDir, meanProbabilitiesByGroup, readModelMetadata, type ProbabilityModel } from '@efficientecg/models';
import { beatFeatures, cleanEcg, detectRPeaks, N_RR_FEATURES, resampleToRate, rrIntervalFeatures } from '@efficientecg/signal';
import { beatInputs, recordBeatTemplate, withRecordTemplate } from '../data/beat-windows';
import { recordWindowSource } from '../data/cinc2017-source';
import { analyseLead } from '../data/lead-analysis';
import { DEMOGRAPHIC_ENCODER } from '../train/prepare-data';
import { ENSEMBLE_FILE, isPredictorMetadata, type EnsembleManifest, type PredictorMetadata } from './metadata';

/** Names of the committed pretrained models (pretrained/<name>/). */
export const PRETRAINED = ['cinc2017', 'mitdb'] as const;

export function pretrainedDir(name: string): string {
  return join(workspaceRoot(), 'pretrained', name);
}

export interface Predictor {
  /** One model, or a seed ensemble's members averaged. */
  model: ProbabilityModel & { dispose(): void };
  /** Models averaged per prediction (1: a single model). */
  members: number;
  meta: PredictorMetadata;
  dir: string;
}

/** A folder holds a predictor: one exported model (model.json) or a seed ensemble (ensemble.json). */
export const hasPredictor = (dir: string): boolean => existsSync(join(dir, 'model.json')) || existsSync(join(dir, ENSEMBLE_FILE));

function readEnsembleManifest(file: string): EnsembleManifest {
  let m: Partial<EnsembleManifest>;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as Partial<EnsembleManifest>;
  } catch (e) {
    throw new EcgDataError('BAD_CONFIG', file, `not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(m.members) || m.members.length === 0 || !m.members.every((x) => typeof x === 'string')) throw new EcgDataError('BAD_CONFIG', file, 'members must be a non-empty list of member folders');
  if (!isPredictorMetadata(m.predictor)) throw new EcgDataError('BAD_CONFIG', file, 'predictor metadata missing or incomplete (how records become inputs)');
  return m as EnsembleManifest;
}

export async function loadPredictor(nameOrDir: string): Promise<Predictor> {
  const dir = (PRETRAINED as readonly string[]).includes(nameOrDir) ? pretrainedDir(nameOrDir) : nameOrDir;
  if (existsSync(join(dir, ENSEMBLE_FILE))) {
    const manifest = readEnsembleManifest(join(dir, ENSEMBLE_FILE));
    const members = [];
    for (const m of manifest.members) {
      if (!existsSync(join(dir, m, 'model.json'))) throw new EcgDataError('MISSING_FILE', join(dir, m, 'model.json'), `member ${m} of the ensemble in ${join(dir, ENSEMBLE_FILE)} is missing`);
      members.push(await loadModelFromDir(join(dir, m)));
    }
    return { model: averagedModels(members), members: members.length, meta: manifest.predictor, dir };
  }
  if (!existsSync(join(dir, 'model.json'))) {
    throw new EcgDataError('MISSING_FILE', join(dir, 'model.json'), `no model here; --model takes ${PRETRAINED.join(', ')} or a folder written by the predictor export`);
  }
  const meta = (await readModelMetadata(dir)).predictor;
  if (!isPredictorMetadata(meta)) throw new EcgDataError('BAD_CONFIG', join(dir, 'model.json'), 'the model carries no predictor metadata (how records become inputs); export it from a run folder');
  return { model: await loadModelFromDir(dir), members: 1, meta, dir };
}

export interface RecordPrediction {
  record: string;
  label: string;
  probs: Record<string, number>;
  windows: number;
}

export interface BeatPrediction {
  /** R-peak sample in the record's own sampling rate. */
  sample: number;
  label: string;
  probs: Record<string, number>;
}

function probsOf(meta: PredictorMetadata, row: ArrayLike<number>): { label: string; probs: Record<string, number> } {
  let best = 0;
  for (let j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
  return { label: meta.classNames[best], probs: Object.fromEntries(meta.classNames.map((c, j) => [c, Number(row[j].toFixed(6))])) };
}

/** Leads cleaned (baseline + 0.5-40 Hz) and resampled to the model's rate. */
function preparedLeads(rec: EcgRecord, meta: PredictorMetadata): Float32Array[] {
  if (rec.signals.length < meta.leads) throw new EcgDataError('BAD_ARGUMENT', rec.path, `the model reads ${meta.leads} leads; the record has ${rec.signals.length}`);
  assertFiniteRecord(rec);
  return rec.signals.slice(0, meta.leads).map((s) => {
    const clean = cleanEcg(s, rec.fs).signal;
    return Float32Array.from(rec.fs === meta.fs ? clean : resampleToRate(clean, rec.fs, meta.fs));
  });
}

async function predictRows(p: Predictor, inputs: Record<string, { data: Float32Array; shape: number[] }>, n: number): Promise<Float32Array> {
  const tensors = p.meta.inputNames.map((name) => tf.tensor(inputs[name].data, [n, ...inputs[name].shape]));
  const out = p.model.predict(tensors.length === 1 ? tensors[0] : tensors) as tf.Tensor;
  const probs = (await out.data()) as Float32Array;
  tf.dispose([...tensors, out]);
  return probs;
}

/** A record classifier on a record of any length and sampling rate: windows, predictions averaged. */
export async function predictRecord(p: Predictor, recordPath: string): Promise<RecordPrediction> {
  if (p.meta.kind !== 'record') throw new EcgDataError('BAD_ARGUMENT', p.dir, 'this is a beat classifier; use predictBeats');
  const rec = readRecord(recordPath);
  assertFiniteRecord(rec);
  // the same analysis and windows as the evaluation of the training run
  // a record model's RR input is the record's rhythm, found from its beat features
  const rhythm = p.meta.inputNames.includes('rr_features');
  const lead = analyseLead(rec.signals[0], rec.fs, p.meta.fs, p.meta.contextBeats > 0 || rhythm, p.meta.rPeakMethod);
  const windows = recordWindowSource([{ id: rec.path, labelIndex: 0, fs: p.meta.fs, ...lead }], p.meta.evalPolicy, p.meta.contextBeats, rhythm);
  const inputs = Object.fromEntries(windows.inputs.map((i) => [i.name, { data: i.data, shape: [...i.shape] }]));
  const probs = await predictRows(p, inputs, windows.size);
  const k = p.meta.classNames.length;
  const mean = meanProbabilitiesByGroup(probs, windows.groups, k).probs;
  return { record: rec.path, ...probsOf(p.meta, mean), windows: windows.size };
}

/**
 * A beat classifier on a record: one prediction per beat, at the R peaks it detects
 * (or at the reference beats of a .atr beside the record with beats: 'atr').
 */
export async function predictBeats(p: Predictor, recordPath: string, options: { beats?: 'detect' | 'atr' } = {}): Promise<{ record: string; fs: number; beats: BeatPrediction[] }> {
  const meta = p.meta;
  if (meta.kind !== 'beat') throw new EcgDataError('BAD_ARGUMENT', p.dir, 'this is a record classifier; use predictRecord');
  const rec = readRecord(recordPath);
  const leads = preparedLeads(rec, meta);
  const ratio = meta.fs / rec.fs;
  let peaks: number[];
  if (options.beats === 'atr') {
    const base = normalizeRecordPath(recordPath);
    if (!existsSync(base + '.atr')) throw new EcgDataError('MISSING_FILE', base + '.atr', '--beats atr needs reference annotations beside the record');
    peaks = [...new Set(readWfdbAnnotations(base, 'atr').annotations.filter((a) => isBeatSymbol(a.symbol)).map((a) => Math.round(a.sample * ratio)))].sort((a, b) => a - b);
  } else peaks = Array.from(detectRPeaks(leads[0], meta.fs));
  const S = meta.contextBeats;
  const feats = S > 0 && peaks.length > 0 ? beatFeatures(leads[0], meta.fs, peaks) : null;
  // RR ratios of the beats found here, as training took them from the record's reference beats
  const rr = meta.inputNames.includes('rr_features') ? rrIntervalFeatures(peaks) : null;
  const L = meta.window.before + meta.window.after;
  // the median of the beats found here, as training took it over the record's reference beats
  const template = meta.recordTemplate ? recordBeatTemplate(leads, peaks, meta.window) : null;
  const width = meta.leads * (template ? 2 : 1);
  const rows: { sample: number; x: NonNullable<ReturnType<typeof beatInputs>>; rr: Float32Array | null }[] = [];
  peaks.forEach((_, i) => {
    const x = beatInputs(leads, peaks, i, meta.window, feats, S);
    if (x && template) x.signal = withRecordTemplate(x.signal, template, L, meta.leads);
    if (x) rows.push({ sample: Math.round(peaks[i] / ratio), x, rr: rr && rr.subarray(i * N_RR_FEATURES, (i + 1) * N_RR_FEATURES) });
  });
  const out: BeatPrediction[] = [];
  const k = meta.classNames.length;
  const age = DEMOGRAPHIC_ENCODER.age(rec.demographics);
  const sex = DEMOGRAPHIC_ENCODER.sex(rec.demographics);
  for (let b = 0; b < rows.length; b += 256) {
    const chunk = rows.slice(b, b + 256);
    const n = chunk.length;
    const cat = (get: (r: (typeof chunk)[number]) => Float32Array | null, size: number) => {
      const a = new Float32Array(n * size);
      chunk.forEach((r, i) => a.set(get(r) ?? new Float32Array(size), i * size));
      return a;
    };
    const probs = await predictRows(
      p,
      {
        signal: { data: cat((r) => r.x.signal, L * width), shape: [L, width] },
        beat_features: { data: cat((r) => r.x.features, S * 8), shape: [S, 8] },
        beat_mask: { data: cat((r) => r.x.mask, S * 8), shape: [S, 8] },
        age: { data: new Float32Array(n).fill(age), shape: [1] },
        sex: { data: new Float32Array(n).fill(sex), shape: [1] },
        rr_features: { data: cat((r) => r.rr, N_RR_FEATURES), shape: [N_RR_FEATURES] },
      },
      n,
    );
    chunk.forEach((r, i) => out.push({ sample: r.sample, ...probsOf(meta, probs.subarray(i * k, (i + 1) * k)) }));
  }
  return { record: rec.path, fs: rec.fs, beats: out };
}
