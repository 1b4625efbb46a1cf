import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EcgDataError } from '../errors';
import type { CheckVerdict, EcgRecord, RecordChecks, WfdbHeader, WfdbSignalSpec } from '../types';
import { checksumMatches, wfdbChecksum } from './checksum';
import { parseHeaderComments } from './comments';
import { MISSING_SAMPLE, bytesForSamples, decodeSamples, samplesInBytes } from './formats';
import { readWfdbHeaderFile } from './header';
import { checkMat4AgainstHeader, parseMat4Header } from './mat4';
import { normalizeRecordPath } from './record-path';

export interface ReadWfdbOptions {
  /** Signal indices to return (default: all). */
  channels?: number[];
  /** First sample (inclusive) and last sample (exclusive) to return. */
  sampFrom?: number;
  sampTo?: number;
  /**
   * Checksums and initial values are always checked over the whole record: 'error' (default)
   * throws CHECKSUM_MISMATCH, 'report' fills `checks`, 'skip' does not compute them.
   */
  verify?: 'error' | 'report' | 'skip';
}

interface SignalFileGroup {
  fileName: string;
  format: number;
  byteOffset: number;
  /** Indices into header.signals, in interleaving order. */
  signals: number[];
}

function groupBySignalFile(header: WfdbHeader, file: string): SignalFileGroup[] {
  const groups: SignalFileGroup[] = [];
  header.signals.forEach((s: WfdbSignalSpec, i) => {
    if (s.samplesPerFrame !== 1) {
      throw new EcgDataError('UNSUPPORTED_FORMAT', file, `signal ${i} has ${s.samplesPerFrame} samples per frame; only 1 is supported`);
    }
    if (s.skew !== 0) throw new EcgDataError('UNSUPPORTED_FORMAT', file, `signal ${i} has skew ${s.skew}; skewed signals are not supported`);
    let g = groups.find((x) => x.fileName === s.fileName);
    if (!g) groups.push((g = { fileName: s.fileName, format: s.format, byteOffset: s.byteOffset, signals: [] }));
    else if (g.format !== s.format) {
      throw new EcgDataError('BAD_HEADER', file, `signals of ${s.fileName} mix formats ${g.format} and ${s.format}`);
    }
    g.signals.push(i);
  });
  return groups;
}

const verdict = (checked: boolean, ok: boolean): CheckVerdict => (!checked ? 'absent' : ok ? 'ok' : 'mismatch');

function combine(vs: CheckVerdict[]): CheckVerdict {
  if (vs.includes('mismatch')) return 'mismatch';
  return vs.length > 0 && vs.every((v) => v === 'ok') ? 'ok' : 'absent';
}

/** Read a WFDB record (header + signal files, WFDB formats or challenge MAT v4) into physical units. */
export function readWfdbRecord(recordPath: string, opts: ReadWfdbOptions = {}): EcgRecord {
  const path = normalizeRecordPath(recordPath);
  const headerFile = path + '.hea';
  const header = readWfdbHeaderFile(path);
  const dir = dirname(path);
  const verify = opts.verify ?? 'error';
  const groups = groupBySignalFile(header, headerFile);

  // Decode each signal file once; all signals of a record share one length.
  let nSamples = header.nSamples;
  const digitalBySignal: { data: Int32Array; start: number; stride: number }[] = new Array(header.signals.length);
  for (const g of groups) {
    const file = join(dir, g.fileName);
    if (!existsSync(file)) throw new EcgDataError('MISSING_FILE', file, `signal file of record ${header.recordName} not found`);
    const bytes = readFileSync(file);
    const nSig = g.signals.length;
    if (/\.mat$/i.test(g.fileName)) {
      checkMat4AgainstHeader(parseMat4Header(bytes, file), file, { byteOffset: g.byteOffset, format: g.format, nSignals: nSig, nSamples }, bytes.length);
    }
    if (g.byteOffset > bytes.length) throw new EcgDataError('TRUNCATED', file, `byte offset ${g.byteOffset} is past the end (${bytes.length} bytes)`);
    const available = bytes.length - g.byteOffset;
    if (nSamples === null) nSamples = Math.floor(samplesInBytes(g.format, available) / nSig);
    const need = bytesForSamples(g.format, nSamples * nSig);
    if (Number.isNaN(need)) throw new EcgDataError('UNSUPPORTED_FORMAT', file, `WFDB format ${g.format} is not supported`);
    if (available < need) {
      throw new EcgDataError('TRUNCATED', file, `header declares ${nSamples} samples x ${nSig} signals = ${need} bytes of format ${g.format} after offset ${g.byteOffset}, file has ${available}`);
    }
    // less than one frame of padding at the end is tolerated (format 212 pads odd sample counts)
    if (available - need >= Math.max(1, bytesForSamples(g.format, nSig))) {
      throw new EcgDataError('SIZE_MISMATCH', file, `header declares ${nSamples} samples (${need} bytes after offset ${g.byteOffset}), file holds ${available} bytes`);
    }
    const inits = g.signals.map((i) => header.signals[i].initialValue ?? 0);
    const data = decodeSamples(bytes, g.byteOffset, g.format, nSamples * nSig, file, nSig, inits);
    g.signals.forEach((sigIndex, k) => (digitalBySignal[sigIndex] = { data, start: k, stride: nSig }));
  }
  const total = nSamples ?? 0;

  const channels = opts.channels ?? header.signals.map((_, i) => i);
  for (const c of channels) {
    if (!Number.isInteger(c) || c < 0 || c >= header.signals.length) {
      throw new EcgDataError('BAD_ARGUMENT', headerFile, `channel ${c} does not exist (record has ${header.signals.length} signals)`);
    }
  }
  const from = opts.sampFrom ?? 0;
  const to = opts.sampTo ?? total;
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to <= total && from <= to)) {
    throw new EcgDataError('BAD_ARGUMENT', headerFile, `sample range [${from}, ${to}) is outside [0, ${total})`);
  }

  // One pass per signal converts to physical units and sums the checksum together,
  // the hot loop of reading a database.
  const physical = new Map<number, Float32Array>();
  const sums = header.signals.map((spec, i) => {
    const { data, start, stride } = digitalBySignal[i];
    const wanted = channels.includes(i);
    const wholeRange = from === 0 && to === total;
    if (wanted && (verify === 'skip' || !wholeRange)) physical.set(i, toPhysical(data, start, stride, from, to, spec));
    if (verify === 'skip') return 0;
    if (wanted && wholeRange) {
      const { out, sum } = toPhysicalWithChecksum(data, start, stride, total, spec);
      physical.set(i, out);
      return sum;
    }
    return wfdbChecksum(data, start, stride, total);
  });

  const perSignal = header.signals.map((spec, i) => {
    if (verify === 'skip') return { checksum: 'absent' as CheckVerdict, initialValue: 'absent' as CheckVerdict };
    const { data, start } = digitalBySignal[i];
    const ck = verdict(spec.checksum !== null, spec.checksum !== null && checksumMatches(sums[i], spec.checksum));
    const iv = verdict(spec.initialValue !== null && total > 0, total > 0 && data[start] === spec.initialValue);
    return { checksum: ck, initialValue: iv };
  });
  const checks: RecordChecks = {
    checksum: combine(perSignal.map((p) => p.checksum)),
    initialValue: combine(perSignal.map((p) => p.initialValue)),
    perSignal,
  };
  if (verify === 'error') {
    const bad = perSignal.findIndex((p) => p.checksum === 'mismatch' || p.initialValue === 'mismatch');
    if (bad >= 0) {
      const what = perSignal[bad].checksum === 'mismatch' ? 'checksum' : 'initial value';
      throw new EcgDataError('CHECKSUM_MISMATCH', join(dir, header.signals[bad].fileName), `${what} of signal ${bad} (${header.signals[bad].description || 'unnamed'}) disagrees with ${basename(headerFile)}`);
    }
  }
  const signals = channels.map((c) => physical.get(c)!);

  const { demographics, labels } = parseHeaderComments(header.comments);
  return {
    name: header.recordName,
    path,
    fs: header.fs,
    nSamples: to - from,
    signalNames: channels.map((c) => header.signals[c].description),
    units: channels.map((c) => header.signals[c].units),
    gains: channels.map((c) => header.signals[c].adcGain),
    baselines: channels.map((c) => header.signals[c].baseline),
    signals,
    demographics,
    labels,
    comments: header.comments,
    checks,
  };
}

/** Physical units = (digital - baseline) / gain; WFDB's "no sample" value becomes NaN. */
function toPhysical(data: Int32Array, start: number, stride: number, from: number, to: number, spec: WfdbSignalSpec): Float32Array {
  const out = new Float32Array(to - from);
  const missing = MISSING_SAMPLE[spec.format];
  const base = spec.baseline;
  const scale = 1 / spec.adcGain;
  for (let i = 0, p = start + from * stride; i < out.length; i++, p += stride) {
    const d = data[p];
    out[i] = d === missing ? NaN : (d - base) * scale;
  }
  return out;
}

function toPhysicalWithChecksum(data: Int32Array, start: number, stride: number, n: number, spec: WfdbSignalSpec): { out: Float32Array; sum: number } {
  const out = new Float32Array(n);
  const missing = MISSING_SAMPLE[spec.format];
  const base = spec.baseline;
  const scale = 1 / spec.adcGain;
  let sum = 0;
  for (let i = 0, p = start; i < n; i++, p += stride) {
    const d = data[p];
    sum = (sum + d) | 0;
    out[i] = d === missing ? NaN : (d - base) * scale;
  }
  return { out, sum: sum & 0xffff };
}
