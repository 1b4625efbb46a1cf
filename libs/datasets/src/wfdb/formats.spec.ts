import { describe, expect, it } from 'vitest';
import { isEcgDataError } from '../errors';
import { bytesForSamples, decodeSamples, samplesInBytes } from './formats';

const u8 = (xs: number[]) => Uint8Array.from(xs);

describe('decodeSamples', () => {
  it('decodes format 212: two 12-bit samples per three bytes, sign-extended', () => {
    // samples 995 (0x3E3) and -22 (0xFEA): byte0 = 0xE3, byte1 = (0xF<<4)|0x3, byte2 = 0xEA
    expect(Array.from(decodeSamples(u8([0xe3, 0xf3, 0xea]), 0, 212, 2, 'f'))).toEqual([995, -22]);
    expect(Array.from(decodeSamples(u8([0x00, 0x08, 0x00, 0xff, 0x07]), 0, 212, 3, 'f'))).toEqual([-2048, 0, 2047]);
  });

  it('decodes formats 16 and 61 (little and big endian), 80 and 160 (offset binary), 24 and 32', () => {
    expect(Array.from(decodeSamples(u8([0x01, 0x80, 0xff, 0x7f]), 0, 16, 2, 'f'))).toEqual([-32767, 32767]);
    expect(Array.from(decodeSamples(u8([0x80, 0x01]), 0, 61, 1, 'f'))).toEqual([-32767]);
    expect(Array.from(decodeSamples(u8([0, 128, 255]), 0, 80, 3, 'f'))).toEqual([-128, 0, 127]);
    expect(Array.from(decodeSamples(u8([0x00, 0x80, 0x01, 0x00]), 0, 160, 2, 'f'))).toEqual([0, -32767]);
    expect(Array.from(decodeSamples(u8([0xff, 0xff, 0xff, 0x00, 0x00, 0x80]), 0, 24, 2, 'f'))).toEqual([-1, -8388608]);
    expect(Array.from(decodeSamples(u8([0xfe, 0xff, 0xff, 0xff]), 0, 32, 1, 'f'))).toEqual([-2]);
  });

  it('decodes format 8 as first differences from the initial values, per interleaved signal', () => {
    expect(Array.from(decodeSamples(u8([1, 0xff, 2, 0xfe]), 0, 8, 4, 'f', 2, [100, -5]))).toEqual([101, -6, 103, -8]);
  });

  it('decodes formats 310 and 311: three 10-bit samples per four bytes', () => {
    // 311: one 32-bit word holding 1, -1 (0x3FF) and -512 (0x200)
    const w = 1 | (0x3ff << 10) | (0x200 << 20);
    expect(Array.from(decodeSamples(u8([w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, (w >>> 24) & 0xff]), 0, 311, 3, 'f'))).toEqual([1, -1, -512]);
    // 310: sample0 in bits 1-10 of word x, sample1 in bits 1-10 of word y, sample2 split over their top 5 bits
    const s2 = 0x155;
    const x = (5 << 1) | ((s2 & 0x1f) << 11);
    const y = (0x3fe << 1) | ((s2 >> 5) << 11);
    expect(Array.from(decodeSamples(u8([x & 0xff, x >> 8, y & 0xff, y >> 8]), 0, 310, 3, 'f'))).toEqual([5, -2, 0x155]);
  });

  it('honours the byte offset and sizes', () => {
    expect(Array.from(decodeSamples(u8([9, 9, 9, 0x02, 0x00]), 3, 16, 1, 'f'))).toEqual([2]);
    expect(bytesForSamples(212, 3)).toBe(5);
    expect(samplesInBytes(212, 1950000)).toBe(1300000);
    expect(samplesInBytes(311, 8)).toBe(6);
  });

  it('raises TRUNCATED and UNSUPPORTED_FORMAT as typed errors naming the file', () => {
    for (const [fn, code] of [
      [() => decodeSamples(u8([1, 2, 3]), 0, 16, 2, 'sig.dat'), 'TRUNCATED'],
      [() => decodeSamples(u8([1, 2, 3]), 0, 999, 1, 'sig.dat'), 'UNSUPPORTED_FORMAT'],
    ] as const) {
      let err: unknown;
      try {
        fn();
      } catch (e) {
        err = e;
      }
      expect(isEcgDataError(err, code)).toBe(true);
      expect((err as Error).message).toContain('sig.dat');
    }
  });
});
