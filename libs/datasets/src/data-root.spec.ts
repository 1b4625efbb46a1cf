import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledSampleRoot, isBundledSample, resolveDataRoot } from './data-root';

const tmp = mkdtempSync(join(tmpdir(), 'ecg-data-root-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('resolveDataRoot', () => {
  it('the flag first, then $ECG_DATA_ROOT', () => {
    expect(resolveDataRoot(tmp, { ECG_DATA_ROOT: '/elsewhere' })).toEqual({ path: tmp, source: 'flag' });
    expect(resolveDataRoot(null, { ECG_DATA_ROOT: tmp })).toEqual({ path: tmp, source: 'env' });
  });
  it('isBundledSample: the sample however it was named (a relative flag too), and nothing else', () => {
    expect(isBundledSample({ path: bundledSampleRoot(), source: 'bundled-sample' })).toBe(true);
    expect(isBundledSample(resolveDataRoot(relative(process.cwd(), bundledSampleRoot()), {}))).toBe(true);
    expect(isBundledSample(resolveDataRoot(null, { ECG_DATA_ROOT: bundledSampleRoot() + '/' }))).toBe(true);
    expect(isBundledSample(resolveDataRoot(tmp, {}))).toBe(false);
  });
});
