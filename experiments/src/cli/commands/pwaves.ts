import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { EcgDataError, isBeatSymbol, normalizeRecordPath, readRecord, readWfdbAnnotations } from '@efficientecg/datasets';
import { countPWavesByRhythm, delineatePWaves, detectRPeaks, type PWave, type PWavePolarity } from '@efficientecg/signal';
import { formatTable, emit } from '../output';
import { parseIntegerOption, reportSignalErrors, resolveRecordArgument } from './rpeaks';

export interface PWavesResult {
  record: string;
  lead: number;
  leadName: string;
  fs: number;
  /** Where the R peaks came from: the record's .atr beat annotations or the default detector. */
  peaks: 'reference' | 'detected';
  polarity: PWavePolarity;
  beats: number;
  withP: number;
  /** Beats and beats with a P wave per rhythm of the .atr file (null without one). */
  rhythms: Record<string, { beats: number; withP: number }> | null;
  pwaves: PWave[];
}

const POLARITIES: PWavePolarity[] = ['upright', 'inverted', 'either'];

export function pwavesOfRecord(recordPath: string, lead: number, peaksFrom: 'reference' | 'detected', polarity: PWavePolarity): PWavesResult {
  const rec = readRecord(recordPath, { verify: 'report' });
  if (lead >= rec.signals.length) throw new EcgDataError('BAD_ARGUMENT', '--lead', `record ${rec.name} has ${rec.signals.length} leads (0..${rec.signals.length - 1}), got ${lead}`);
  const signal = rec.signals[lead];
  const atr = normalizeRecordPath(recordPath) + '.atr';
  const annotations = existsSync(atr) ? readWfdbAnnotations(recordPath).annotations : null;
  let peaks: number[];
  if (peaksFrom === 'reference') {
    if (!annotations) throw new EcgDataError('MISSING_FILE', atr, '--peaks reference needs the record\'s .atr beat annotations');
    peaks = annotations.filter((a) => isBeatSymbol(a.symbol) && a.sample < signal.length).map((a) => a.sample);
  } else {
    peaks = Array.from(detectRPeaks(signal, rec.fs));
  }
  const pwaves = delineatePWaves(signal, rec.fs, peaks, { polarity });
  const rhythms = annotations ? Object.fromEntries(countPWavesByRhythm(annotations, peaks, pwaves.map((w) => w.present))) : null;
  return {
    record: rec.path,
    lead,
    leadName: rec.signalNames[lead],
    fs: rec.fs,
    peaks: peaksFrom,
    polarity,
    beats: pwaves.length,
    withP: pwaves.filter((w) => w.present).length,
    rhythms,
    pwaves,
  };
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function humanPWaves(r: PWavesResult): string {
  const present = r.pwaves.filter((w) => w.present);
  const ms = (v: number | null) => (v === null ? '-' : `${Math.round(v * 1000)} ms`);
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '-');
  const lines = [
    `record    ${r.record}, lead ${r.lead} (${r.leadName}), ${r.fs} Hz`,
    `R peaks   ${r.peaks} (${r.beats} beats), P polarity ${r.polarity}`,
    `P waves   ${r.withP} beats (${pct(r.withP, r.beats)})`,
    `medians   duration ${ms(median(present.map((w) => (w.offset! - w.onset!) / r.fs)))}, ` +
      `PR ${ms(median(present.filter((w) => w.qrsOnset !== null).map((w) => (w.qrsOnset! - w.onset!) / r.fs)))}, ` +
      `amplitude ${median(present.map((w) => w.amplitude!))?.toFixed(3) ?? '-'}`,
  ];
  if (r.rhythms) {
    const rows = Object.entries(r.rhythms).map(([rhythm, c]) => [rhythm || '(before first rhythm mark)', c.beats, c.withP, pct(c.withP, c.beats)]);
    lines.push('', formatTable(['rhythm', 'beats', 'with P', 'share'], rows));
  }
  return lines.join('\n');
}

export function register(program: Command): void {
  program
    .command('pwaves')
    .description('delineate the P wave before each QRS in one lead; share of beats with a P wave, per rhythm when the record has a .atr file')
    .argument('<record>', 'record path (as for `ecg info`), or a bare MIT-BIH name such as 100 looked up in <data root>/mitdb')
    .option('--lead <n>', 'signal index', '0')
    .option('--peaks <source>', "R peaks: 'detected' (default detector) or 'reference' (.atr beat annotations)", 'detected')
    .option('--polarity <p>', `P polarity: ${POLARITIES.join(', ')}`, 'upright')
    .option('--json', 'print {"fs", "beats", "withP", "rhythms", "pwaves": [...], ...} as JSON')
    .action((record: string, opts: { lead: string; peaks: string; polarity: string; json?: boolean }, cmd: Command) => {
      const lead = parseIntegerOption(opts.lead, '--lead', 0) ?? 0;
      if (opts.peaks !== 'detected' && opts.peaks !== 'reference') throw new EcgDataError('BAD_ARGUMENT', '--peaks', `expected 'detected' or 'reference', got '${opts.peaks}'`);
      if (!POLARITIES.includes(opts.polarity as PWavePolarity)) throw new EcgDataError('BAD_ARGUMENT', '--polarity', `expected ${POLARITIES.join(', ')}, got '${opts.polarity}'`);
      const path = resolveRecordArgument(record, cmd.optsWithGlobals().dataRoot as string | undefined);
      reportSignalErrors(() => {
        const result = pwavesOfRecord(path, lead, opts.peaks as 'detected' | 'reference', opts.polarity as PWavePolarity);
        emit(opts, result, () => humanPWaves(result));
      });
    });
}
