import { EcgDataError } from '../errors';

/** Digital value WFDB stores for "no sample" in each format (becomes NaN in physical units). */
export const MISSING_SAMPLE: Readonly<Record<number, number>> = {
  8: -128, 16: -32768, 61: -32768, 80: -128, 160: -32768, 212: -2048, 24: -8388608, 32: -2147483648, 310: -512, 311: -512,
};

export const SUPPORTED_FORMATS: readonly number[] = [8, 16, 24, 32, 61, 80, 160, 212, 310, 311];

/** Bytes a run of `count` interleaved samples occupies in `format`. */
export function bytesForSamples(format: number, count: number): number {
  switch (format) {
    case 8: case 80: return count;
    case 16: case 61: case 160: return count * 2;
    case 24: return count * 3;
    case 32: return count * 4;
    case 212: return Math.ceil(count * 1.5);
    case 310: case 311: return Math.ceil(count / 3) * 4;
    default: return NaN;
  }
}

/** How many whole samples `bytes` bytes hold in `format`. */
export function samplesInBytes(format: number, bytes: number): number {
  switch (format) {
    case 212: return Math.floor((bytes * 2) / 3);
    case 310: case 311: return Math.floor(bytes / 4) * 3;
    default: return Math.floor(bytes / bytesForSamples(format, 1));
  }
}

/**
 * Decode `count` interleaved digital samples starting at `offset`. Tight loops over typed
 * arrays: this is the hot path of reading a whole database.
 * `initialValues` is needed only by format 8 (first differences), one per interleaved signal.
 */
export function decodeSamples(
  bytes: Uint8Array,
  offset: number,
  format: number,
  count: number,
  file: string,
  nInterleaved = 1,
  initialValues: readonly number[] = [],
): Int32Array {
  const need = bytesForSamples(format, count);
  if (Number.isNaN(need)) throw new EcgDataError('UNSUPPORTED_FORMAT', file, `WFDB format ${format} is not supported (supported: ${SUPPORTED_FORMATS.join(', ')})`);
  if (offset + need > bytes.length) {
    throw new EcgDataError('TRUNCATED', file, `needs ${offset + need} bytes for ${count} samples in format ${format}, file has ${bytes.length}`);
  }
  const out = new Int32Array(count);
  const b = bytes;
  let p = offset;
  switch (format) {
    case 16:
      for (let i = 0; i < count; i++, p += 2) out[i] = ((b[p] | (b[p + 1] << 8)) << 16) >> 16;
      break;
    case 61:
      for (let i = 0; i < count; i++, p += 2) out[i] = (((b[p] << 8) | b[p + 1]) << 16) >> 16;
      break;
    case 160:
      for (let i = 0; i < count; i++, p += 2) out[i] = (b[p] | (b[p + 1] << 8)) - 32768;
      break;
    case 80:
      for (let i = 0; i < count; i++) out[i] = b[p + i] - 128;
      break;
    case 8: {
      const last = new Int32Array(nInterleaved);
      for (let s = 0; s < nInterleaved; s++) last[s] = initialValues[s] ?? 0;
      for (let i = 0; i < count; i++) {
        const s = i % nInterleaved;
        last[s] += (b[p + i] << 24) >> 24;
        out[i] = last[s];
      }
      break;
    }
    case 24:
      for (let i = 0; i < count; i++, p += 3) out[i] = ((b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) << 8) >> 8;
      break;
    case 32:
      for (let i = 0; i < count; i++, p += 4) out[i] = b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24);
      break;
    case 212: {
      // two 12-bit samples in three bytes; the middle byte holds both high nibbles
      const pairs = count >> 1;
      let o = 0;
      for (let k = 0; k < pairs; k++, p += 3) {
        const mid = b[p + 1];
        out[o++] = ((b[p] | ((mid & 0x0f) << 8)) << 20) >> 20;
        out[o++] = ((b[p + 2] | ((mid & 0xf0) << 4)) << 20) >> 20;
      }
      if (count & 1) out[o] = ((b[p] | ((b[p + 1] & 0x0f) << 8)) << 20) >> 20;
      break;
    }
    case 311:
      for (let i = 0; i < count; i += 3, p += 4) {
        const w = b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24);
        out[i] = ((w & 0x3ff) << 22) >> 22;
        if (i + 1 < count) out[i + 1] = (((w >>> 10) & 0x3ff) << 22) >> 22;
        if (i + 2 < count) out[i + 2] = (((w >>> 20) & 0x3ff) << 22) >> 22;
      }
      break;
    case 310:
      for (let i = 0; i < count; i += 3, p += 4) {
        const x = b[p] | (b[p + 1] << 8);
        const y = b[p + 2] | (b[p + 3] << 8);
        out[i] = (((x >> 1) & 0x3ff) << 22) >> 22;
        if (i + 1 < count) out[i + 1] = (((y >> 1) & 0x3ff) << 22) >> 22;
        if (i + 2 < count) out[i + 2] = ((((x >> 11) & 0x1f) | (((y >> 11) & 0x1f) << 5)) << 22) >> 22;
      }
      break;
  }
  return out;
}
