import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { EcgDataError, normalizeRecordPath, readRecord, resolveDataRoot } from '@efficientecg/datasets';
import { DEFAULT_RPEAK_METHOD, SignalError, detectRPeaks, rPeakDetectors } from '@efficientecg/signal';
import { emit } from '../output';

export interface RPeaksResult {
  record: string;
  lead: number;
  leadName: string;
  fs: number;
  method: string;
  /** R-peak sample indices of the lead. */
  peaks: number[];
}

/** A record path as given, else a bare name looked up in the data root's mitdb/ (e.g. `100`). */
export function resolveRecordArgument(record: string, dataRootFlag?: string): string {
  const asGiven = normalizeRecordPath(record);
  if (existsSync(asGiven + '.hea') || existsSync(record) || /[\\/]/.test(record)) return record;
  const inMitdb = join(resolveDataRoot(dataRootFlag).path, 'mitdb', record);
  return existsSync(inMitdb + '.hea') ? inMitdb : record;
}

export function parseIntegerOption(text: string | undefined, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new EcgDataError('BAD_ARGUMENT', name, `expected an integer ${min}..${max}, got ${text}`);
  return n;
}

export function checkMethod(method: string | undefined): string {
  const name = method ?? DEFAULT_RPEAK_METHOD;
  const known = rPeakDetectors().map((d) => d.name);
  if (!known.includes(name)) throw new EcgDataError('BAD_ARGUMENT', '--method', `unknown detector '${name}'; known: ${known.join(', ')}`);
  return name;
}

/** Signal errors (NaN samples, odd rates) are input problems: report them like data errors (exit 2). */
export function reportSignalErrors(action: () => void): void {
  try {
    action();
  } catch (err) {
    if (!(err instanceof SignalError)) throw err;
    process.stderr.write(`ecg: ${err.message}\n`);
    process.exitCode = 2;
  }
}

export function rpeaksOfRecord(recordPath: string, lead: number, method: string): RPeaksResult {
  const rec = readRecord(recordPath, { verify: 'report' });
  if (lead >= rec.signals.length) throw new EcgDataError('BAD_ARGUMENT', '--lead', `record ${rec.name} has ${rec.signals.length} leads (0..${rec.signals.length - 1}), got ${lead}`);
  const peaks = detectRPeaks(rec.signals[lead], rec.fs, { method });
  return { record: rec.path, lead, leadName: rec.signalNames[lead], fs: rec.fs, method, peaks: Array.from(peaks) };
}

function humanPeaks(r: RPeaksResult): string {
  const seconds = r.peaks.length ? (r.peaks[r.peaks.length - 1] - r.peaks[0]) / r.fs : 0;
  const bpm = r.peaks.length > 1 ? (60 * (r.peaks.length - 1)) / seconds : null;
  return [
    `record  ${r.record}, lead ${r.lead} (${r.leadName}), ${r.fs} Hz`,
    `method  ${r.method}`,
    `peaks   ${r.peaks.length}${bpm ? ` (mean rate ${bpm.toFixed(1)} bpm)` : ''}`,
    r.peaks.join(' '),
  ].join('\n');
}

export function register(program: Command): void {
  program
    .command('rpeaks')
    .description(`detect R peaks in one lead of a record (methods: ${rPeakDetectors().map((d) => d.name).join(', ')}; default ${DEFAULT_RPEAK_METHOD})`)
    .argument('<record>', 'record path (as for `ecg info`), or a bare MIT-BIH name such as 100 looked up in <data root>/mitdb')
    .option('--lead <n>', 'signal index', '0')
    .option('--method <name>', 'detector name')
    .option('--json', 'print {"fs", "method", "peaks": [...], ...} as JSON')
    .action((record: string, opts: { lead: string; method?: string; json?: boolean }, cmd: Command) => {
      const lead = parseIntegerOption(opts.lead, '--lead', 0) ?? 0;
      const method = checkMethod(opts.method);
      const path = resolveRecordArgument(record, cmd.optsWithGlobals().dataRoot as string | undefined);
      reportSignalErrors(() => {
        const result = rpeaksOfRecord(path, lead, method);
        emit(opts, result, () => humanPeaks(result));
      });
    });
}
