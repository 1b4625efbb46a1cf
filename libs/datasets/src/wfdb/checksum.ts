/** WFDB's 16-bit checksum: the sum of a signal's digital samples modulo 65536. */
export function wfdbChecksum(digital: Int32Array, start: number, stride: number, count: number): number {
  let sum = 0;
  for (let i = 0, p = start; i < count; i++, p += stride) sum = (sum + digital[p]) | 0;
  return sum & 0xffff;
}

/** Headers store the checksum as a signed 16-bit number; compare modulo 65536. */
export function checksumMatches(computed: number, stored: number): boolean {
  return (computed & 0xffff) === (stored & 0xffff);
}
