import { existsSync, readFileSync } from 'node:fs';
import { EcgDataError } from '../errors';
import type { WfdbHeader, WfdbSignalSpec } from '../types';
import { normalizeRecordPath } from './record-path';

const DEFAULT_GAIN = 200; // WFDB: a gain of 0 or none means 200 adu per physical unit

function num(token: string, what: string, file: string, line: number): number {
  const v = Number(token);
  if (token === '' || !Number.isFinite(v)) throw new EcgDataError('BAD_HEADER', file, `line ${line}: ${what} "${token}" is not a number`);
  return v;
}

function int(token: string, what: string, file: string, line: number): number {
  const v = num(token, what, file, line);
  if (!Number.isInteger(v)) throw new EcgDataError('BAD_HEADER', file, `line ${line}: ${what} "${token}" is not an integer`);
  return v;
}

/** Record line: name[/segments] nsig [fs[/counter[(base)]] [nsamp [time [date]]]] */
function parseRecordLine(tokens: string[], file: string, line: number) {
  const [nameTok, nsigTok, fsTok, nsampTok, baseTime, baseDate] = tokens;
  if (!nameTok || nsigTok === undefined) throw new EcgDataError('BAD_HEADER', file, `line ${line}: record line needs a name and a signal count`);
  if (nameTok.includes('/')) throw new EcgDataError('UNSUPPORTED_FORMAT', file, `multi-segment record "${nameTok}" is not supported`);
  const nSignals = int(nsigTok, 'signal count', file, line);
  if (nSignals < 0 || nSignals > 4096) throw new EcgDataError('BAD_HEADER', file, `line ${line}: signal count ${nSignals} is out of range`);
  let fs = 250; // WFDB's default frame frequency
  let counterFreq: number | null = null;
  let baseCounter: number | null = null;
  if (fsTok !== undefined) {
    const m = /^([^/()]+)(?:\/([^()]+)(?:\(([^)]*)\))?)?$/.exec(fsTok);
    if (!m) throw new EcgDataError('BAD_HEADER', file, `line ${line}: sampling frequency "${fsTok}" does not parse`);
    fs = num(m[1], 'sampling frequency', file, line);
    if (m[2] !== undefined) counterFreq = num(m[2], 'counter frequency', file, line);
    if (m[3] !== undefined) baseCounter = num(m[3], 'base counter', file, line);
  }
  if (!(fs > 0)) throw new EcgDataError('BAD_HEADER', file, `line ${line}: sampling frequency ${fs} must be positive`);
  const nSamples = nsampTok === undefined ? null : int(nsampTok, 'sample count', file, line);
  if (nSamples !== null && nSamples < 0) throw new EcgDataError('BAD_HEADER', file, `line ${line}: negative sample count`);
  return { recordName: nameTok, nSignals, fs, counterFreq, baseCounter, nSamples, baseTime: baseTime ?? null, baseDate: baseDate ?? null };
}

/** Signal line: file fmt[xspf][:skew][+offset] [gain[(baseline)][/units] [res [zero [init [cksum [bsize [desc...]]]]]]] */
function parseSignalLine(tokens: string[], file: string, line: number): WfdbSignalSpec {
  const [fileName, fmtTok, gainTok, resTok, zeroTok, initTok, ckTok, bsTok, ...desc] = tokens;
  if (!fileName || fmtTok === undefined) throw new EcgDataError('BAD_HEADER', file, `line ${line}: signal line needs a file name and a format`);
  const fm = /^(\d+)(?:x(\d+))?(?::(-?\d+))?(?:\+(\d+))?$/.exec(fmtTok);
  if (!fm) throw new EcgDataError('BAD_HEADER', file, `line ${line}: format field "${fmtTok}" does not parse`);
  const format = Number(fm[1]);
  const samplesPerFrame = fm[2] !== undefined ? Number(fm[2]) : 1;
  const skew = fm[3] !== undefined ? Number(fm[3]) : 0;
  const byteOffset = fm[4] !== undefined ? Number(fm[4]) : 0;
  if (samplesPerFrame < 1) throw new EcgDataError('BAD_HEADER', file, `line ${line}: samples per frame must be >= 1`);

  let adcGain = DEFAULT_GAIN;
  let baseline: number | null = null;
  let units = 'mV';
  if (gainTok !== undefined) {
    const gm = /^([^()/]+)(?:\(([^)]*)\))?(?:\/(.*))?$/.exec(gainTok);
    if (!gm) throw new EcgDataError('BAD_HEADER', file, `line ${line}: gain field "${gainTok}" does not parse`);
    adcGain = num(gm[1], 'ADC gain', file, line);
    if (adcGain === 0) adcGain = DEFAULT_GAIN;
    if (gm[2] !== undefined) baseline = int(gm[2], 'baseline', file, line);
    if (gm[3] !== undefined && gm[3] !== '') units = gm[3];
  }
  const adcResolution = resTok === undefined ? (format === 212 ? 12 : format === 310 || format === 311 ? 10 : format === 8 || format === 80 ? 8 : 16) : int(resTok, 'ADC resolution', file, line);
  const adcZero = zeroTok === undefined ? 0 : int(zeroTok, 'ADC zero', file, line);
  return {
    fileName,
    format,
    samplesPerFrame,
    skew,
    byteOffset,
    adcGain,
    baseline: baseline ?? adcZero,
    units,
    adcResolution,
    adcZero,
    initialValue: initTok === undefined ? null : int(initTok, 'initial value', file, line),
    checksum: ckTok === undefined ? null : int(ckTok, 'checksum', file, line),
    blockSize: bsTok === undefined ? 0 : int(bsTok, 'block size', file, line),
    description: desc.join(' '),
  };
}

/** Parse the text of a WFDB .hea file (single-segment records). */
export function parseWfdbHeader(text: string, file: string): WfdbHeader {
  if (text.includes('\0')) throw new EcgDataError('BAD_HEADER', file, 'contains NUL bytes: not a text header');
  const comments: string[] = [];
  let record: ReturnType<typeof parseRecordLine> | null = null;
  const signals: WfdbSignalSpec[] = [];
  const lines = text.split(/\r?\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const content = lines[i].trim();
    if (content.startsWith('#')) {
      comments.push(content.slice(1).trim());
      continue;
    }
    if (content === '') continue;
    const tokens = content.split(/[ \t]+/);
    if (!record) record = parseRecordLine(tokens, file, i + 1);
    else if (signals.length < record.nSignals) signals.push(parseSignalLine(tokens, file, i + 1));
    else throw new EcgDataError('BAD_HEADER', file, `line ${i + 1}: more signal lines than the ${record.nSignals} the record line declares`);
  }
  if (!record) throw new EcgDataError('BAD_HEADER', file, 'no record line');
  if (signals.length !== record.nSignals) {
    throw new EcgDataError('BAD_HEADER', file, `record line declares ${record.nSignals} signals, found ${signals.length} signal lines`);
  }
  return { ...record, signals, comments };
}

/** Read and parse `<recordPath>.hea`. */
export function readWfdbHeaderFile(recordPath: string): WfdbHeader {
  const file = normalizeRecordPath(recordPath) + '.hea';
  if (!existsSync(file)) throw new EcgDataError('MISSING_FILE', file, 'header file not found');
  return parseWfdbHeader(readFileSync(file, 'latin1'), file);
}
