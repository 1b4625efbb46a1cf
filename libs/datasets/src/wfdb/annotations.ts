import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { EcgDataError, isEcgDataError } from '../errors';
import type { AnnotationSet, WfdbAnnotation } from '../types';
import { ANNOTATION_CODE_MAX, PSEUDO_CODES, annotationSymbol } from './annotation-codes';
import { readWfdbHeaderFile } from './header';
import { normalizeRecordPath } from './record-path';

/** Annotators that write at a finer time base than the record put this in the first annotation's aux. */
const TIME_RESOLUTION_PREFIX = '## time resolution: ';

/**
 * Decode an MIT-format annotation file. Each 16-bit little-endian word holds a 6-bit code
 * (high bits) and a 10-bit field (low bits): for codes 0-49 the field is the time step since
 * the previous annotation; codes 59-63 modify the stream (see WFDB's annot.c / "annot(5)").
 * Modifiers follow the annotation they belong to; num and chan persist to later annotations,
 * subtype and aux apply to one.
 */
export function parseMitAnnotations(bytes: Uint8Array, file: string): WfdbAnnotation[] {
  if (bytes.length % 2 !== 0) throw new EcgDataError('BAD_ANNOTATION', file, `odd byte count ${bytes.length}; annotation files are 16-bit words`);
  const out: WfdbAnnotation[] = [];
  let sample = 0;
  let num = 0;
  let chan = 0;
  let current: WfdbAnnotation | null = null;
  let pos = 0;
  const word = (at: number) => bytes[at] | (bytes[at + 1] << 8);

  while (pos + 1 < bytes.length) {
    const w = word(pos);
    const code = w >> 10;
    const field = w & 0x3ff;
    const at = pos;
    pos += 2;
    if (code === 0 && field === 0) break; // end of file marker
    if (code <= ANNOTATION_CODE_MAX) {
      sample += field;
      current = { sample, symbol: annotationSymbol(code), code, subtype: 0, chan, num, aux: '' };
      out.push(current);
      continue;
    }
    switch (code) {
      case PSEUDO_CODES.SKIP: {
        // 32-bit signed interval, high 16-bit word first (PDP-11 order), each word little-endian
        if (pos + 4 > bytes.length) throw new EcgDataError('BAD_ANNOTATION', file, `byte ${at}: SKIP needs 4 more bytes, file ends at ${bytes.length}`);
        const interval = ((word(pos) << 16) | word(pos + 2)) | 0;
        pos += 4;
        sample += interval;
        if (sample < 0) throw new EcgDataError('BAD_ANNOTATION', file, `byte ${at}: SKIP of ${interval} makes the time negative (${sample})`);
        break;
      }
      case PSEUDO_CODES.NUM:
        num = field;
        if (current) current.num = num;
        break;
      case PSEUDO_CODES.SUB:
        if (current) current.subtype = field;
        break;
      case PSEUDO_CODES.CHN:
        chan = field;
        if (current) current.chan = chan;
        break;
      case PSEUDO_CODES.AUX: {
        // WFDB's putann writes a one-byte length (annot.c masks with 0377): a larger field is damage
        if (field > 255) throw new EcgDataError('BAD_ANNOTATION', file, `byte ${at}: AUX length ${field} exceeds 255`);
        if (pos + field > bytes.length) {
          throw new EcgDataError('BAD_ANNOTATION', file, `byte ${at}: AUX of ${field} bytes runs past the end of the file (${bytes.length} bytes)`);
        }
        // latin1 keeps every byte; WFDB writes ASCII and sometimes a trailing NUL
        const text = Buffer.from(bytes.buffer, bytes.byteOffset + pos, field).toString('latin1').replace(/\0+$/, '');
        pos += field + (field % 2);
        if (current) current.aux = text;
        break;
      }
      default:
        throw new EcgDataError('BAD_ANNOTATION', file, `byte ${at}: unassigned annotation code ${code} (word 0x${w.toString(16).padStart(4, '0')})`);
    }
  }
  return out;
}

/**
 * Read `<record>.<extension>` (e.g. "mitdb/100" + "atr"). fs comes from the record's header
 * when there is one, else from a "## time resolution" note, else null.
 */
export function readWfdbAnnotations(recordPath: string, extension = 'atr'): AnnotationSet {
  const base = normalizeRecordPath(recordPath);
  const file = `${base}.${extension}`;
  if (!existsSync(file)) throw new EcgDataError('MISSING_FILE', file, 'annotation file not found');
  const annotations = parseMitAnnotations(readFileSync(file), file);

  let fs: number | null = null;
  const first = annotations[0];
  if (first && first.sample === 0 && first.aux.startsWith(TIME_RESOLUTION_PREFIX)) {
    const value = Number(first.aux.slice(TIME_RESOLUTION_PREFIX.length));
    if (Number.isFinite(value) && value > 0) fs = value;
    annotations.shift(); // a file-format note, not an event (wfdb-python drops it too)
  }
  if (fs === null) {
    try {
      fs = readWfdbHeaderFile(base).fs;
    } catch (e) {
      if (!isEcgDataError(e, 'MISSING_FILE')) throw e;
    }
  }
  return { record: basename(base), extension, fs, annotations };
}
