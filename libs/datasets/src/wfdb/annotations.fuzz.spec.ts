import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDataRoot } from '../data-root';
import { isEcgDataError } from '../errors';
import { createRng, type Rng } from '../random';
import { parseMitAnnotations } from './annotations';

/** Mutate a slice of a real annotation file: flip bytes, truncate, insert or delete words. */
function mutate(src: Uint8Array, rng: Rng): Uint8Array {
  const start = 2 * Math.floor((rng() * src.length) / 2);
  let b = Array.from(src.subarray(start, start + 2 * (8 + Math.floor(rng() * 200))));
  const edits = 1 + Math.floor(rng() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rng() * (b.length + 1));
    switch (Math.floor(rng() * 5)) {
      case 0: if (at < b.length) b[at] = Math.floor(rng() * 256); break; // byte flip
      case 1: b = b.slice(0, at); break; // truncation (odd lengths included)
      case 2: { // insert a random word, biased towards pseudo-annotations 59-63
        const code = rng() < 0.6 ? 59 + Math.floor(rng() * 5) : Math.floor(rng() * 64);
        const w = (code << 10) | Math.floor(rng() * 1024);
        b.splice(at, 0, w & 0xff, w >> 8);
        break;
      }
      case 3: b.splice(at, 1 + Math.floor(rng() * 6)); break; // delete a run
      default: if (at + 1 < b.length) b[at + 1] = 0xfc | (b[at + 1] & 3); // turn a word into AUX with its length
    }
  }
  return Uint8Array.from(b);
}

const root = testDataRoot();

describe.skipIf(!root)('MIT annotation parser fuzz', () => {
  it('10,000 mutated real .atr slices each parse or raise EcgDataError', () => {
    const dir = join(root!, 'mitdb');
    const sources = readdirSync(dir).filter((f) => f.endsWith('.atr')).map((f) => new Uint8Array(readFileSync(join(dir, f))));
    const rng = createRng(20181125);
    const tally = { parsed: 0, typed: 0 };
    for (let i = 0; i < 10_000; i++) {
      const bytes = mutate(sources[i % sources.length], rng);
      try {
        const out = parseMitAnnotations(bytes, `fuzz-${i}.atr`);
        for (const a of out) if (!(Number.isInteger(a.sample) && a.sample >= 0)) throw new Error(`case ${i}: bad sample ${a.sample}`);
        tally.parsed++;
      } catch (e) {
        if (!isEcgDataError(e)) throw e;
        expect(e.code).toBe('BAD_ANNOTATION');
        expect(e.file).toBe(`fuzz-${i}.atr`);
        tally.typed++;
      }
    }
    expect(tally.parsed).toBeGreaterThan(1000);
    expect(tally.typed).toBeGreaterThan(1000);
  });
});
