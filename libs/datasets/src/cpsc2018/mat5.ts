import { inflateSync } from 'node:zlib';
import { EcgDataError } from '../errors';

/**
 * A MAT v5 reader covering what the CPSC 2018 files need: the 128-byte header, data element
 * tags (including the small-element format), miCOMPRESSED (zlib), miMATRIX with numeric,
 * char, struct and cell classes. Column-major order is kept as stored. Every read is bounds
 * checked, so a malformed file ends in EcgDataError('BAD_MAT', file, '... byte N ...').
 * Layout from MathWorks' "MAT-File Format" (matfile_format.pdf).
 */

export type MatNumericClass = 'double' | 'single' | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64';

export type MatValue =
  | { kind: 'numeric'; className: MatNumericClass; dims: number[]; /** column-major */ real: Float64Array; imag: Float64Array | null }
  | { kind: 'char'; dims: number[]; /** rows joined by '\n' */ text: string }
  | { kind: 'logical'; dims: number[]; real: Float64Array }
  | { kind: 'struct'; dims: number[]; fieldNames: string[]; /** one record per struct element, column-major */ elements: Record<string, MatValue>[] }
  | { kind: 'cell'; dims: number[]; items: MatValue[] }
  | { kind: 'empty' };

export interface Mat5File {
  headerText: string;
  littleEndian: boolean;
  /** Top-level variables by name, in file order. */
  variables: Map<string, MatValue>;
}

const MI = { INT8: 1, UINT8: 2, INT16: 3, UINT16: 4, INT32: 5, UINT32: 6, SINGLE: 7, DOUBLE: 9, INT64: 12, UINT64: 13, MATRIX: 14, COMPRESSED: 15, UTF8: 16, UTF16: 17, UTF32: 18 } as const;
const ELEMENT_BYTES: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 2, 4: 2, 5: 4, 6: 4, 7: 4, 9: 8, 12: 8, 13: 8, 16: 1, 17: 2, 18: 4 };
const NUMERIC_CLASS: Readonly<Record<number, MatNumericClass>> = {
  6: 'double', 7: 'single', 8: 'int8', 9: 'uint8', 10: 'int16', 11: 'uint16', 12: 'int32', 13: 'uint32', 14: 'int64', 15: 'uint64',
};
const MX = { CELL: 1, STRUCT: 2, CHAR: 4 } as const;
const LOGICAL_FLAG = 0x200;
const COMPLEX_FLAG = 0x800;
const MAX_DEPTH = 32;
/** Upper bound on an inflated element, so a corrupt stream cannot exhaust memory. */
const MAX_INFLATED_BYTES = 1 << 28;

interface Element {
  type: number;
  /** Start of the element's data within the buffer. */
  start: number;
  size: number;
  /** Offset of the tag, for messages. */
  tagAt: number;
}

/** A view on one buffer (the file, or an inflated element) that knows how to name its offsets. */
class Cursor {
  readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    readonly le: boolean,
    readonly file: string,
    /** "" for the file itself, " of the element inflated from byte N" for compressed data. */
    readonly context: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  fail(at: number, what: string): never {
    throw new EcgDataError('BAD_MAT', this.file, `byte ${at}${this.context}: ${what}`);
  }

  /** Read the tag at `at`; returns the element and where the next one starts. */
  element(at: number, end: number): { el: Element; next: number } {
    if (at + 8 > end) this.fail(at, `data element tag needs 8 bytes, ${end - at} left`);
    const first = this.view.getUint32(at, this.le);
    if (first >>> 16 !== 0) {
      // small data element: type and size share the first word, up to 4 data bytes follow
      const type = first & 0xffff;
      const size = first >>> 16;
      if (size > 4) this.fail(at, `small data element claims ${size} bytes (at most 4)`);
      return { el: { type, start: at + 4, size, tagAt: at }, next: at + 8 };
    }
    const type = first;
    const size = this.view.getUint32(at + 4, this.le);
    const start = at + 8;
    if (size > end - start) this.fail(at, `element of type ${type} claims ${size} bytes, only ${end - start} left`);
    // compressed elements are not padded; everything else is padded to 8 bytes
    const padded = type === MI.COMPRESSED ? size : Math.ceil(size / 8) * 8;
    return { el: { type, start, size, tagAt: at }, next: Math.min(start + padded, end) };
  }

  /** Decode a numeric element (any storage type) into doubles. */
  numbers(el: Element): Float64Array {
    const width = ELEMENT_BYTES[el.type];
    if (!width || el.type === MI.UTF8 || el.type === MI.UTF16 || el.type === MI.UTF32) this.fail(el.tagAt, `type ${el.type} is not a numeric data type`);
    if (el.size % width !== 0) this.fail(el.tagAt, `${el.size} bytes is not a whole number of ${width}-byte values`);
    const n = el.size / width;
    const out = new Float64Array(n);
    const v = this.view;
    const le = this.le;
    let p = el.start;
    switch (el.type) {
      case MI.INT8: for (let i = 0; i < n; i++) out[i] = v.getInt8(p + i); break;
      case MI.UINT8: for (let i = 0; i < n; i++) out[i] = v.getUint8(p + i); break;
      case MI.INT16: for (let i = 0; i < n; i++, p += 2) out[i] = v.getInt16(p, le); break;
      case MI.UINT16: for (let i = 0; i < n; i++, p += 2) out[i] = v.getUint16(p, le); break;
      case MI.INT32: for (let i = 0; i < n; i++, p += 4) out[i] = v.getInt32(p, le); break;
      case MI.UINT32: for (let i = 0; i < n; i++, p += 4) out[i] = v.getUint32(p, le); break;
      case MI.SINGLE: for (let i = 0; i < n; i++, p += 4) out[i] = v.getFloat32(p, le); break;
      case MI.DOUBLE: for (let i = 0; i < n; i++, p += 8) out[i] = v.getFloat64(p, le); break;
      case MI.INT64: for (let i = 0; i < n; i++, p += 8) out[i] = Number(v.getBigInt64(p, le)); break;
      case MI.UINT64: for (let i = 0; i < n; i++, p += 8) out[i] = Number(v.getBigUint64(p, le)); break;
    }
    return out;
  }

  /** Character data: UTF-8, or 16-bit code units (miUINT16 / miUTF16), or UTF-32. */
  chars(el: Element): string[] {
    const raw = this.bytes.subarray(el.start, el.start + el.size);
    if (el.type === MI.UTF8 || el.type === MI.INT8 || el.type === MI.UINT8) return Array.from(Buffer.from(raw).toString('utf8'));
    if (el.type === MI.UINT16 || el.type === MI.UTF16 || el.type === MI.INT16) {
      return Array.from(this.numbers({ ...el, type: MI.UINT16 }), (c) => String.fromCharCode(c));
    }
    if (el.type === MI.UTF32 || el.type === MI.UINT32) {
      return Array.from(this.numbers({ ...el, type: MI.UINT32 }), (c) => (c <= 0x10ffff ? String.fromCodePoint(c) : '\ufffd'));
    }
    return this.fail(el.tagAt, `type ${el.type} cannot hold characters`);
  }
}

function product(dims: number[]): number {
  return dims.reduce((p, d) => p * d, 1);
}

/** Parse the contents of one miMATRIX element; returns the variable's name and value. */
function parseMatrix(c: Cursor, el: Element, depth: number): { name: string; value: MatValue } {
  if (depth > MAX_DEPTH) c.fail(el.tagAt, `arrays nested deeper than ${MAX_DEPTH}`);
  if (el.size === 0) return { name: '', value: { kind: 'empty' } };
  const end = el.start + el.size;
  let at = el.start;
  const sub = (what: string, types: readonly number[]): Element => {
    const { el: s, next } = c.element(at, end);
    if (!types.includes(s.type)) c.fail(s.tagAt, `${what}: expected element type ${types.join('/')}, found ${s.type}`);
    at = next;
    return s;
  };

  const flagsEl = sub('array flags', [MI.UINT32]);
  if (flagsEl.size < 4) c.fail(flagsEl.tagAt, 'array flags shorter than 4 bytes');
  const flags = c.view.getUint32(flagsEl.start, c.le);
  const mxClass = flags & 0xff;

  const dimsEl = sub('dimensions', [MI.INT32]);
  const dims = Array.from(c.numbers(dimsEl));
  if (dims.length < 2 || dims.some((d) => d < 0)) c.fail(dimsEl.tagAt, `bad dimensions [${dims.join(', ')}]`);
  const count = product(dims);

  const nameEl = sub('array name', [MI.INT8, MI.UINT8]);
  const name = Buffer.from(c.bytes.subarray(nameEl.start, nameEl.start + nameEl.size)).toString('latin1');

  if (mxClass === MX.STRUCT) {
    const lenEl = sub('field name length', [MI.INT32]);
    const lens = c.numbers(lenEl);
    if (lens.length !== 1 || lens[0] <= 0) c.fail(lenEl.tagAt, 'field name length must be one positive value');
    const width = lens[0];
    const namesEl = sub('field names', [MI.INT8, MI.UINT8]);
    if (namesEl.size % width !== 0) c.fail(namesEl.tagAt, `${namesEl.size} bytes of field names is not a multiple of ${width}`);
    const fieldNames: string[] = [];
    for (let p = 0; p < namesEl.size; p += width) {
      const raw = c.bytes.subarray(namesEl.start + p, namesEl.start + p + width);
      const nul = raw.indexOf(0);
      fieldNames.push(Buffer.from(nul >= 0 ? raw.subarray(0, nul) : raw).toString('latin1'));
    }
    if (count * fieldNames.length > el.size / 8) c.fail(dimsEl.tagAt, `${count} struct elements x ${fieldNames.length} fields cannot fit in ${el.size} bytes`);
    const elements: Record<string, MatValue>[] = [];
    for (let i = 0; i < count; i++) {
      const record: Record<string, MatValue> = {};
      for (const f of fieldNames) record[f] = parseMatrix(c, sub(`field '${f}'`, [MI.MATRIX]), depth + 1).value;
      elements.push(record);
    }
    return { name, value: { kind: 'struct', dims, fieldNames, elements } };
  }

  if (mxClass === MX.CELL) {
    if (count > el.size / 8) c.fail(dimsEl.tagAt, `${count} cells cannot fit in ${el.size} bytes`);
    const items: MatValue[] = [];
    for (let i = 0; i < count; i++) items.push(parseMatrix(c, sub(`cell ${i}`, [MI.MATRIX]), depth + 1).value);
    return { name, value: { kind: 'cell', dims, items } };
  }

  if (mxClass === MX.CHAR) {
    const dataEl = sub('character data', [MI.UTF8, MI.UTF16, MI.UTF32, MI.UINT16, MI.INT16, MI.UINT8, MI.INT8, MI.UINT32]);
    const chars = c.chars(dataEl);
    if (chars.length !== count) c.fail(dataEl.tagAt, `${chars.length} characters for dimensions [${dims.join(', ')}]`);
    const rows = dims[0];
    const cols = count === 0 ? 0 : count / rows;
    const lines: string[] = [];
    for (let r = 0; r < rows; r++) {
      let line = '';
      for (let k = 0; k < cols; k++) line += chars[r + k * rows];
      lines.push(line);
    }
    return { name, value: { kind: 'char', dims, text: lines.join('\n') } };
  }

  const className = NUMERIC_CLASS[mxClass];
  if (!className) c.fail(flagsEl.tagAt, `array class ${mxClass} is not supported (numeric, char, struct and cell only)`);
  const realEl = sub('real part', [MI.INT8, MI.UINT8, MI.INT16, MI.UINT16, MI.INT32, MI.UINT32, MI.SINGLE, MI.DOUBLE, MI.INT64, MI.UINT64]);
  const real = c.numbers(realEl);
  if (real.length !== count) c.fail(realEl.tagAt, `${real.length} values for dimensions [${dims.join(', ')}]`);
  let imag: Float64Array | null = null;
  if (flags & COMPLEX_FLAG) {
    const imagEl = sub('imaginary part', [MI.INT8, MI.UINT8, MI.INT16, MI.UINT16, MI.INT32, MI.UINT32, MI.SINGLE, MI.DOUBLE, MI.INT64, MI.UINT64]);
    imag = c.numbers(imagEl);
    if (imag.length !== count) c.fail(imagEl.tagAt, `${imag.length} imaginary values for dimensions [${dims.join(', ')}]`);
  }
  if (flags & LOGICAL_FLAG) return { name, value: { kind: 'logical', dims, real } };
  return { name, value: { kind: 'numeric', className, dims, real, imag } };
}

/** Parse a whole MAT v5 file (Level 5; v7.3/HDF5 files are not MAT v5 and are rejected). */
export function parseMat5(bytes: Uint8Array, file: string): Mat5File {
  if (bytes.length < 128) throw new EcgDataError('BAD_MAT', file, `byte 0: ${bytes.length} bytes is shorter than the 128-byte MAT v5 header`);
  const endian = String.fromCharCode(bytes[126], bytes[127]);
  if (endian !== 'IM' && endian !== 'MI') throw new EcgDataError('BAD_MAT', file, `byte 126: endian indicator '${endian}' is neither 'IM' nor 'MI'`);
  const le = endian === 'IM';
  const headerText = Buffer.from(bytes.subarray(0, 116)).toString('latin1').replace(/[\s\0]+$/, '');
  if (!headerText.startsWith('MATLAB 5.0')) throw new EcgDataError('BAD_MAT', file, `byte 0: header text does not start with 'MATLAB 5.0'`);

  const top = new Cursor(bytes, le, file, '');
  const variables = new Map<string, MatValue>();
  let at = 128;
  while (at < bytes.length) {
    const { el, next } = top.element(at, bytes.length);
    at = next;
    let cursor = top;
    let matrix = el;
    if (el.type === MI.COMPRESSED) {
      let inflated: Buffer;
      try {
        inflated = inflateSync(bytes.subarray(el.start, el.start + el.size), { maxOutputLength: MAX_INFLATED_BYTES });
      } catch (e) {
        return top.fail(el.tagAt, `compressed element does not inflate (${(e as Error).message})`);
      }
      cursor = new Cursor(new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength), le, file, ` of the element inflated from byte ${el.tagAt}`);
      matrix = cursor.element(0, inflated.length).el;
    }
    if (matrix.type !== MI.MATRIX) continue; // MATLAB only stores miMATRIX at top level; skip anything else
    const { name, value } = parseMatrix(cursor, matrix, 0);
    variables.set(name, value);
  }
  return { headerText, littleEndian: le, variables };
}
