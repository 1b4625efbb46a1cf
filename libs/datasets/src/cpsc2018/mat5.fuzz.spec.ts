import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { testDataRoot } from '../data-root';
import { isEcgDataError } from '../errors';
import { createRng, type Rng } from '../random';
import { parseMat5 } from './mat5';

/**
 * Two kinds of damage: (1) the real files as stored (one miCOMPRESSED element), with flips
 * and cuts in the header, the tag and the zlib stream; (2) the same content stored
 * uncompressed, so flips land on the array tags, flags, dims, names and sizes the parser
 * walks. Positions favour the first few hundred bytes, where the structure is.
 */
function mutate(src: Uint8Array, rng: Rng, hot: number): Uint8Array {
  const b = Uint8Array.from(src);
  let length = b.length;
  const edits = 1 + Math.floor(rng() * 4);
  const pos = () => (rng() < 0.85 ? Math.floor(rng() * Math.min(hot, length)) : Math.floor(rng() * length));
  for (let e = 0; e < edits; e++) {
    switch (Math.floor(rng() * 5)) {
      case 0: b[pos()] = Math.floor(rng() * 256); break; // byte flip
      case 1: b[pos()] ^= 1 << Math.floor(rng() * 8); break; // bit flip
      case 2: length = Math.min(length, pos()); break; // truncation
      case 3: { // overwrite a 32-bit word with a size-like value (0, small, huge, off by one)
        const at = pos() & ~3;
        const v = [0, 1, 7, 8, 0xffffffff, 0x7fffffff, Math.floor(rng() * 4096)][Math.floor(rng() * 7)];
        new DataView(b.buffer).setUint32(Math.min(at, Math.max(0, length - 4)), v >>> 0, true);
        break;
      }
      default: b.copyWithin(pos(), pos(), pos() + 1 + Math.floor(rng() * 16)); // shifted run
    }
  }
  return b.subarray(0, length);
}

const root = testDataRoot();

describe.skipIf(!root)('MAT v5 parser fuzz', () => {
  it('10,000 mutated CPSC 2018 .mat files each parse or raise BAD_MAT', () => {
    const dir = join(root!, 'cpsc2018_sample');
    const stored = ['A1980.mat', 'A1982.mat', 'A1985.mat'].map((f) => new Uint8Array(readFileSync(join(dir, f))));
    // the same files with their compressed element written out uncompressed
    const plain = stored.map((bytes) => {
      const size = new DataView(bytes.buffer, bytes.byteOffset).getUint32(132, true);
      const inner = inflateSync(bytes.subarray(136, 136 + size));
      return new Uint8Array(Buffer.concat([bytes.subarray(0, 128), inner]));
    });
    expect(parseMat5(plain[0], 'plain.mat').variables.has('ECG')).toBe(true);

    const rng = createRng(2018);
    const tally = { parsed: 0, typed: 0 };
    for (let i = 0; i < 10_000; i++) {
      const compressed = i % 5 === 0;
      const src = (compressed ? stored : plain)[i % 3];
      const bytes = mutate(src, rng, compressed ? 200 : 600);
      try {
        parseMat5(bytes, `fuzz-${i}.mat`);
        tally.parsed++;
      } catch (e) {
        if (!isEcgDataError(e, 'BAD_MAT')) throw e;
        expect(e.file).toBe(`fuzz-${i}.mat`);
        expect(e.detail).toMatch(/^byte \d+/);
        tally.typed++;
      }
    }
    expect(tally.parsed).toBeGreaterThan(500);
    expect(tally.typed).toBeGreaterThan(2000);
  });
});
