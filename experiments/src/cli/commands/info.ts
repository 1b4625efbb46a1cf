import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import {
  detectRecordFormat,
  isBeatSymbol,
  normalizeRecordPath,
  readRecord,
  readWfdbAnnotations,
  readWfdbHeaderFile,
  type EcgRecord,
} from '@efficientecg/datasets';
import { emit, formatTable } from '../output';

export interface RecordInfo {
  record: string;
  format: string;
  fs: number;
  nSamples: number;
  durationSeconds: number;
  signals: { name: string; units: string; gain: number; baseline: number }[];
  age: number | null;
  ageStatus: string;
  sex: string | null;
  labels: string[];
  /** Label of the record in a REFERENCE.csv beside it (CinC 2017 style), if any. */
  referenceLabel: string | null;
  /** Beat annotation counts by symbol when a .atr file sits beside the record. */
  beats: Record<string, number> | null;
  checksum: string;
  initialValues: string;
  /** Why a verdict is what it is, when the file format explains it (e.g. checksums stored as 0). */
  checkNote: string | null;
}

/** Labels from a CinC-2017-style REFERENCE.csv next to the record, without reading the data set. */
function referenceLabel(recordPath: string, name: string): string | null {
  const ref = join(dirname(recordPath), 'REFERENCE.csv');
  if (!existsSync(ref)) return null;
  const line = readFileSync(ref, 'utf8')
    .split(/\r?\n/)
    .find((l) => l.split(',')[0] === name);
  return line ? line.split(',')[1].trim() : null;
}

export function describeRecord(nameOrPath: string): RecordInfo {
  const format = detectRecordFormat(nameOrPath);
  const rec: EcgRecord = readRecord(nameOrPath, { verify: 'report' });
  let beats: Record<string, number> | null = null;
  if (format === 'wfdb' && existsSync(normalizeRecordPath(nameOrPath) + '.atr')) {
    beats = {};
    for (const a of readWfdbAnnotations(normalizeRecordPath(nameOrPath), 'atr').annotations) {
      if (isBeatSymbol(a.symbol)) beats[a.symbol] = (beats[a.symbol] ?? 0) + 1;
    }
  }
  return {
    record: rec.path,
    format,
    fs: rec.fs,
    nSamples: rec.nSamples,
    durationSeconds: rec.nSamples / rec.fs,
    signals: rec.signalNames.map((name, i) => ({ name, units: rec.units[i], gain: rec.gains[i], baseline: rec.baselines[i] })),
    age: rec.demographics.age,
    ageStatus: rec.demographics.ageStatus,
    sex: rec.demographics.sex,
    labels: rec.labels,
    referenceLabel: format === 'wfdb' ? referenceLabel(rec.path, rec.name) : null,
    beats,
    checksum: rec.checks.checksum,
    initialValues: rec.checks.initialValue,
    checkNote: checkNote(format, nameOrPath, rec),
  };
}

function checkNote(format: string, nameOrPath: string, rec: EcgRecord): string | null {
  if (format !== 'wfdb') return 'this format carries no checksums';
  if (rec.checks.checksum !== 'mismatch') return null;
  const stored = readWfdbHeaderFile(normalizeRecordPath(nameOrPath)).signals.map((s) => s.checksum);
  // The CinC 2017 challenge headers store 0 in every checksum field: nothing was computed.
  return stored.every((c) => c === 0) ? 'the header stores 0 for every checksum (as the CinC 2017 headers do): no checksum was recorded' : null;
}

function formatDuration(s: number): string {
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec.toFixed(1).padStart(4, '0')}` : m ? `${m}:${sec.toFixed(1).padStart(4, '0')}` : `${sec.toFixed(2)} s`;
}

function humanInfo(info: RecordInfo): string {
  const lines = [
    `record       ${info.record} (${info.format})`,
    `sampling     ${info.fs} Hz`,
    `length       ${info.nSamples} samples (${formatDuration(info.durationSeconds)})`,
    `age          ${info.age ?? `unknown (${info.ageStatus})`}`,
    `sex          ${info.sex ?? 'unknown'}`,
  ];
  if (info.labels.length) lines.push(`labels       ${info.labels.join(', ')}`);
  if (info.referenceLabel) lines.push(`reference    ${info.referenceLabel} (REFERENCE.csv)`);
  if (info.beats) {
    const total = Object.values(info.beats).reduce((a, b) => a + b, 0);
    const parts = Object.entries(info.beats).sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s} ${n}`);
    lines.push(`beats (.atr) ${total}: ${parts.join(', ')}`);
  }
  lines.push(`checksum     ${info.checksum}; initial values ${info.initialValues}${info.checkNote ? ` (${info.checkNote})` : ''}`, '');
  lines.push(formatTable(['#', 'signal', 'units', 'gain', 'baseline'], info.signals.map((s, i) => [i, s.name, s.units, s.gain, s.baseline])));
  return lines.join('\n');
}

export function register(program: Command): void {
  program
    .command('info')
    .description('describe a record: sampling rate, signals, length, age, sex, labels, checksum verdict')
    .argument('<record>', 'record name as WFDB tools name it (path without extension), or a .hea/.dat/.mat/.txt path')
    .option('--json', 'print JSON')
    .option('--strict', 'exit with status 3 when a checksum or initial value disagrees with the header')
    .action((record: string, opts: { json?: boolean; strict?: boolean }) => {
      const info = describeRecord(record);
      emit(opts, info, () => humanInfo(info));
      if (opts.strict && (info.checksum === 'mismatch' || info.initialValues === 'mismatch')) process.exitCode = 3;
    });
}
