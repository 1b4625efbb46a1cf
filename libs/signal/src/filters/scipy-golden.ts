/**
 * Test helper: loads the scipy golden vectors written by tools/golden/scipy_filters.py
 * (manifest.json + vectors.f64 in libs/signal/testdata/scipy). Not exported from the package.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface VectorRef {
  offset: number;
  length: number;
}
export interface GoldenCase {
  kind: string;
  input: string;
  params: Record<string, any>;
  outputs: Record<string, VectorRef>;
}
export interface GoldenManifest {
  scipy: string;
  inputs: Record<string, { ref: VectorRef; fs: number | null; source: string }>;
  butter: { order: number; btype: 'lowpass' | 'highpass' | 'bandpass' | 'bandstop'; cutoff: number | number[]; fs: number; sos: number[][] }[];
  butterBa: { order: number; btype: 'lowpass' | 'highpass' | 'bandpass' | 'bandstop'; cutoff: number | number[]; fs: number; b: number[]; a: number[] }[];
  iirnotch: { w0: number; Q: number; fs: number; b: number[]; a: number[] }[];
  zi: ({ kind: 'lfilter_zi'; b: number[]; a: number[]; zi: number[] } | { kind: 'sosfilt_zi'; sos: number[][]; zi: number[][] })[];
  cases: GoldenCase[];
}

const dir = fileURLToPath(new URL('../../testdata/scipy/', import.meta.url));
let cache: { manifest: GoldenManifest; data: Float64Array } | undefined;

export function loadGolden(): { manifest: GoldenManifest; vector(ref: VectorRef): Float64Array; input(name: string): Float64Array; cases(kind: string): GoldenCase[] } {
  if (!cache) {
    const manifest = JSON.parse(readFileSync(dir + 'manifest.json', 'utf8')) as GoldenManifest;
    const buf = readFileSync(dir + 'vectors.f64');
    // copy into an aligned buffer: Buffer slices may start at an odd byte offset
    const data = new Float64Array(buf.byteLength / 8);
    new Uint8Array(data.buffer).set(buf);
    cache = { manifest, data };
  }
  const { manifest, data } = cache;
  const vector = (ref: VectorRef) => data.subarray(ref.offset, ref.offset + ref.length);
  return {
    manifest,
    vector,
    input: (name) => vector(manifest.inputs[name].ref),
    cases: (kind) => manifest.cases.filter((c) => c.kind === kind),
  };
}

/**
 * The relative error used by every signal comparison: max|actual - expected| / max|expected|
 * (one scale for the whole vector, so samples near zero do not blow the measure up).
 */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let num = 0;
  let den = 0;
  for (let i = 0; i < expected.length; i++) {
    num = Math.max(num, Math.abs(actual[i] - expected[i]));
    den = Math.max(den, Math.abs(expected[i]));
  }
  return den === 0 ? num : num / den;
}
