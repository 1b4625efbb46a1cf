import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { EcgDataError, isBeatSymbol, readWfdbAnnotations, readWfdbRecord, resolveDataRoot } from '@efficientecg/datasets';
import { detectRPeaks, evaluateRecord, pooledScores } from '@efficientecg/signal';
import { emit, formatTable } from '../output';
import { checkMethod, parseIntegerOption, reportSignalErrors } from './rpeaks';

/** Data sets with beat-by-beat reference annotations (.atr) to score detectors against. */
const beatAnnotatedDatasets = ['mitdb'];

export interface RecordRow {
  record: string;
  refBeats: number;
  tp: number;
  fp: number;
  fn: number;
  se: number;
  ppv: number;
  f1: number;
  vfSeconds: number;
}

export interface RPeaksEvaluation {
  dataset: string;
  dataRoot: string;
  method: string;
  lead: number;
  windowMs: number;
  startSeconds: number;
  /** What is excluded from scoring, in words. */
  exclusions: string;
  records: RecordRow[];
  pooled: { refBeats: number; tp: number; fp: number; fn: number; se: number; ppv: number; f1: number };
  detectSeconds: number;
}

export interface EvaluateOptions {
  dataRoot: string;
  dataset?: string;
  method: string;
  records?: string[];
  lead?: number;
  windowMs?: number;
  startSeconds?: number;
}

/** Detect on every (or the chosen) record of a beat-annotated data set and score EC57-style. */
export function evaluateDataset(o: EvaluateOptions): RPeaksEvaluation {
  const dataset = o.dataset ?? 'mitdb';
  if (!beatAnnotatedDatasets.includes(dataset)) {
    throw new EcgDataError('BAD_ARGUMENT', '--dataset', `no beat annotations to score against in '${dataset}'; supported: ${beatAnnotatedDatasets.join(', ')}`);
  }
  const dir = join(o.dataRoot, dataset);
  if (!existsSync(dir)) throw new EcgDataError('MISSING_FILE', dir, `data set folder not found (run \`ecg download ${dataset}\` or pass --data-root)`);
  const available = readdirSync(dir).filter((f) => f.endsWith('.hea') && existsSync(join(dir, f.slice(0, -4) + '.atr'))).map((f) => f.slice(0, -4)).sort();
  const names = o.records ?? available;
  for (const r of names) if (!available.includes(r)) throw new EcgDataError('MISSING_FILE', join(dir, r), 'no such annotated record (.hea + .atr)');
  const lead = o.lead ?? 0, windowMs = o.windowMs ?? 150, startSeconds = o.startSeconds ?? 0;
  const rows: RecordRow[] = [];
  let detectMs = 0;
  for (const name of names) {
    const rec = readWfdbRecord(join(dir, name), { verify: 'report' });
    if (lead >= rec.signals.length) throw new EcgDataError('BAD_ARGUMENT', '--lead', `record ${name} has ${rec.signals.length} leads, got ${lead}`);
    const t0 = performance.now();
    const peaks = detectRPeaks(rec.signals[lead], rec.fs, { method: o.method });
    detectMs += performance.now() - t0;
    const annotations = readWfdbAnnotations(join(dir, name)).annotations;
    const e = evaluateRecord(name, annotations, isBeatSymbol, peaks, rec.fs, { windowMs, startSeconds, recordLength: rec.nSamples });
    rows.push({ record: name, refBeats: e.refBeats, tp: e.tp, fp: e.fp, fn: e.fn, se: e.se, ppv: e.ppv, f1: e.f1, vfSeconds: e.vfSeconds });
  }
  return {
    dataset,
    dataRoot: o.dataRoot,
    method: o.method,
    lead,
    windowMs,
    startSeconds,
    exclusions: `ventricular flutter/fibrillation episodes ([ ... ] marks, as EC57 requires)${startSeconds ? `; the first ${startSeconds} s` : ''}`,
    records: rows,
    pooled: pooledScores(rows),
    detectSeconds: detectMs / 1000,
  };
}

const pct = (v: number) => v.toFixed(2);

function humanEvaluation(e: RPeaksEvaluation): string {
  const rows = e.records.map((r) => [r.record, r.refBeats, r.tp, r.fp, r.fn, pct(r.se), pct(r.ppv)]);
  const p = e.pooled;
  return [
    `${e.dataset} (${e.dataRoot}), lead ${e.lead}, method ${e.method}, match window ${e.windowMs} ms, scored from ${e.startSeconds} s`,
    `excluded: ${e.exclusions}`,
    '',
    formatTable(['record', 'refBeats', 'TP', 'FP', 'FN', 'Se %', '+P %'], rows),
    '',
    `pooled (gross) over ${e.records.length} records: ${p.refBeats} beats, TP ${p.tp}, FP ${p.fp}, FN ${p.fn}, Se ${p.se.toFixed(3)} %, +P ${p.ppv.toFixed(3)} %, F1 ${p.f1.toFixed(3)} %`,
    `detection time ${e.detectSeconds.toFixed(2)} s`,
  ].join('\n');
}

export function register(program: Command): void {
  program
    .command('rpeaks-eval')
    .description('score an R-peak detector against reference beat annotations, beat by beat (ANSI/AAMI EC57 style: Se, +P per record and pooled)')
    .option('--dataset <name>', `data set with beat annotations (${beatAnnotatedDatasets.join(', ')})`, 'mitdb')
    .option('--method <name>', 'detector name')
    .option('--records <names>', 'only these records, comma-separated (e.g. 100,101)')
    .option('--lead <n>', 'signal index', '0')
    .option('--window-ms <ms>', 'match window (EC57: 150 ms)', '150')
    .option('--start-seconds <s>', 'learning period not scored (bxb -f 0:5:0 is 300)', '0')
    .option('--data-root <dir>', 'folder holding mitdb/ (default: $ECG_DATA_ROOT, ./data, then the bundled sample)')
    .option('--json', 'print JSON')
    .action((opts: { dataset: string; method?: string; records?: string; lead: string; windowMs: string; startSeconds: string; dataRoot?: string; json?: boolean }, cmd: Command) => {
      const method = checkMethod(opts.method);
      const windowMs = Number(opts.windowMs);
      if (!Number.isFinite(windowMs) || windowMs <= 0 || windowMs > 1000) throw new EcgDataError('BAD_ARGUMENT', '--window-ms', `expected a number of milliseconds in (0, 1000], got ${opts.windowMs}`);
      const startSeconds = Number(opts.startSeconds);
      if (!Number.isFinite(startSeconds) || startSeconds < 0) throw new EcgDataError('BAD_ARGUMENT', '--start-seconds', `expected seconds >= 0, got ${opts.startSeconds}`);
      const dataRoot = resolveDataRoot(opts.dataRoot ?? (cmd.optsWithGlobals().dataRoot as string | undefined)).path;
      reportSignalErrors(() => {
        const evaluation = evaluateDataset({
          dataRoot,
          dataset: opts.dataset,
          method,
          records: opts.records?.split(',').map((r) => r.trim()).filter(Boolean),
          lead: parseIntegerOption(opts.lead, '--lead', 0),
          windowMs,
          startSeconds,
        });
        emit(opts, evaluation, () => humanEvaluation(evaluation));
      });
    });
}
