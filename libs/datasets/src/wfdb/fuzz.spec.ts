import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledSampleRoot } from '../data-root';
import { isEcgDataError } from '../errors';
import { createRng, type Rng } from '../random';
import { parseWfdbHeader } from './header';
import { checkMat4AgainstHeader, parseMat4Header } from './mat4';
import { readWfdbRecord } from './record';

/** Anything but a parse or an EcgDataError (TypeError, RangeError, a hang) fails the fuzz run. */
function acceptsOnlyParseOrTypedError(fn: () => unknown): 'parsed' | 'typed-error' {
  try {
    fn();
    return 'parsed';
  } catch (e) {
    if (isEcgDataError(e)) return 'typed-error';
    throw e;
  }
}

const pick = <T,>(xs: readonly T[], rng: Rng): T => xs[Math.floor(rng() * xs.length)];
const TOKENS = ['', ' ', '\t', '#', '/', '+', 'x', ':', '(', ')', '-1', '0', '1e309', 'NaN', '99999999999', '212', '16', '8', '80', '311', '\r\n', '\n', '\0', 'é', '2/3'];

function mutateText(text: string, rng: Rng): string {
  let s = text;
  const edits = 1 + Math.floor(rng() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rng() * (s.length + 1));
    switch (Math.floor(rng() * 5)) {
      case 0: s = s.slice(0, at); break; // truncate
      case 1: s = s.slice(0, at) + pick(TOKENS, rng) + s.slice(at); break; // insert a token
      case 2: s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rng() * 8)); break; // delete a run
      case 3: s = s.slice(0, at) + String.fromCharCode(Math.floor(rng() * 256)) + s.slice(at + 1); break; // flip a char
      default: s = s.replace(/-?\d+/, String(Math.floor((rng() - 0.5) * 2 ** (1 + rng() * 40)))); // random number
    }
  }
  return s;
}

const sample = bundledSampleRoot();
const headers = ['mitdb/100.hea', 'mitdb/200.hea', 'cinc2017/A00001.hea', 'cinc2021_sample/E07500.hea'].map((f) => readFileSync(join(sample, f), 'latin1'));

describe('fuzzing the WFDB header parser and MAT v4 reader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wfdb-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('survives 10,000 mutated real headers with a parse or a typed error', () => {
    const rng = createRng(2017);
    const outcomes = { parsed: 0, 'typed-error': 0 };
    for (let i = 0; i < 10_000; i++) {
      const text = mutateText(pick(headers, rng), rng);
      outcomes[acceptsOnlyParseOrTypedError(() => parseWfdbHeader(text, 'fuzz.hea'))]++;
    }
    // both paths must be exercised for the fuzzing to mean anything
    expect(outcomes.parsed).toBeGreaterThan(1000);
    expect(outcomes['typed-error']).toBeGreaterThan(1000);
  });

  it('survives 10,000 mutated MAT v4 files with a parse or a typed error', () => {
    const rng = createRng(2021);
    const original = readFileSync(join(sample, 'cinc2017/A00001.mat'));
    const outcomes = { parsed: 0, 'typed-error': 0 };
    for (let i = 0; i < 10_000; i++) {
      const bytes = Buffer.from(original.subarray(0, 24 + 2 * 64)); // header + a short stretch keeps it fast
      bytes.writeInt32LE(64, 8); // ... declared as a 1 x 64 matrix
      const kind = Math.floor(rng() * 4);
      if (kind === 0) bytes.writeInt32LE(Math.floor((rng() - 0.5) * 2 ** 32), 4 * Math.floor(rng() * 5)); // a header field
      else if (kind === 1) bytes[Math.floor(rng() * 24)] ^= 1 << Math.floor(rng() * 8); // a bit flip in the header
      const cut = kind === 2 ? Math.floor(rng() * bytes.length) : bytes.length; // truncation
      const data = bytes.subarray(0, cut);
      outcomes[acceptsOnlyParseOrTypedError(() => {
        const h = parseMat4Header(data, 'fuzz.mat');
        checkMat4AgainstHeader(h, 'fuzz.mat', { byteOffset: 24, format: 16, nSignals: 1, nSamples: 64 }, data.length);
      })]++;
    }
    expect(outcomes.parsed).toBeGreaterThan(500);
    expect(outcomes['typed-error']).toBeGreaterThan(1000);
  });

  it('survives 300 whole records with mutated headers end to end (read + decode)', () => {
    const rng = createRng(7);
    const mat = readFileSync(join(sample, 'cinc2017/A00001.mat'));
    writeFileSync(join(dir, 'A00001.mat'), mat);
    let parsed = 0;
    for (let i = 0; i < 300; i++) {
      writeFileSync(join(dir, 'A00001.hea'), mutateText(headers[2], rng), 'latin1');
      if (acceptsOnlyParseOrTypedError(() => readWfdbRecord(join(dir, 'A00001'), { verify: 'report' })) === 'parsed') parsed++;
    }
    expect(parsed).toBeGreaterThan(10);
  });
});
