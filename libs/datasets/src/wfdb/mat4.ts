import { EcgDataError } from '../errors';

/** The header of a MAT v4 matrix, as the PhysioNet challenges write `val` (int16, signals x samples). */
export interface Mat4Header {
  /** MOPT type code: M machine (0 = little-endian), O 0, P precision (3 = int16), T 0 = full matrix. */
  type: number;
  rows: number;
  cols: number;
  imagf: number;
  name: string;
  /** Byte offset of the first data element. */
  dataOffset: number;
}

const PRECISION_BYTES = [8, 4, 4, 2, 2, 1]; // double, single, int32, int16, uint16, uint8

/** Parse the 20-byte MAT v4 header and variable name at the start of `bytes`. */
export function parseMat4Header(bytes: Uint8Array, file: string): Mat4Header {
  if (bytes.length < 20) throw new EcgDataError('BAD_MAT', file, `MAT v4 header needs 20 bytes, file has ${bytes.length}`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = dv.getInt32(0, true);
  const rows = dv.getInt32(4, true);
  const cols = dv.getInt32(8, true);
  const imagf = dv.getInt32(12, true);
  const namelen = dv.getInt32(16, true);
  const m = Math.floor(type / 1000), o = Math.floor((type % 1000) / 100), p = Math.floor((type % 100) / 10), t = type % 10;
  if (type < 0 || m !== 0 || o !== 0 || t !== 0 || p > 5) {
    throw new EcgDataError('BAD_MAT', file, `MAT v4 type ${type} is not a little-endian full numeric matrix`);
  }
  if (rows < 0 || cols < 0) throw new EcgDataError('BAD_MAT', file, `MAT v4 dimensions ${rows} x ${cols} are negative`);
  if (imagf !== 0) throw new EcgDataError('BAD_MAT', file, 'MAT v4 complex matrices are not ECG signals');
  if (namelen < 1 || namelen > 64 || 20 + namelen > bytes.length) {
    throw new EcgDataError('BAD_MAT', file, `MAT v4 name length ${namelen} is out of range`);
  }
  let name = '';
  for (let i = 0; i < namelen - 1; i++) name += String.fromCharCode(bytes[20 + i]);
  if (bytes[20 + namelen - 1] !== 0) throw new EcgDataError('BAD_MAT', file, 'MAT v4 variable name is not NUL-terminated');
  return { type, rows, cols, imagf, name, dataOffset: 20 + namelen };
}

/**
 * Check that a challenge-style .mat agrees with what its .hea says: an int16 matrix of
 * nSignals rows whose data starts at the header's byte offset and holds every sample.
 */
export function checkMat4AgainstHeader(
  mat: Mat4Header,
  file: string,
  expected: { byteOffset: number; format: number; nSignals: number; nSamples: number | null },
  fileSize: number,
): void {
  const precision = Math.floor((mat.type % 100) / 10);
  if (expected.format !== 16 || precision !== 3) {
    throw new EcgDataError('BAD_MAT', file, `MAT v4 precision code ${precision} with WFDB format ${expected.format}: expected int16 (3) with format 16`);
  }
  if (mat.dataOffset !== expected.byteOffset) {
    throw new EcgDataError('BAD_MAT', file, `data starts at byte ${mat.dataOffset}, header says +${expected.byteOffset}`);
  }
  if (mat.rows !== expected.nSignals) throw new EcgDataError('BAD_MAT', file, `matrix has ${mat.rows} rows, header declares ${expected.nSignals} signals`);
  if (expected.nSamples !== null && mat.cols !== expected.nSamples) {
    throw new EcgDataError('SIZE_MISMATCH', file, `matrix has ${mat.cols} samples per signal, header declares ${expected.nSamples}`);
  }
  const need = mat.dataOffset + mat.rows * mat.cols * PRECISION_BYTES[precision];
  if (fileSize < need) throw new EcgDataError('TRUNCATED', file, `needs ${need} bytes for a ${mat.rows} x ${mat.cols} int16 matrix, file has ${fileSize}`);
  if (fileSize > need) throw new EcgDataError('SIZE_MISMATCH', file, `has ${fileSize} bytes, a ${mat.rows} x ${mat.cols} int16 matrix needs ${need}`);
}
