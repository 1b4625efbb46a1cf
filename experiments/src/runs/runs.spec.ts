import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledSampleRoot, writeFolderAtomic, writeJsonAtomic } from '@efficientecg/datasets';
import { captureEnvironment, dataFolderDigest } from './environment';
import { readJson, runDir } from './run-folder';

const tmp = mkdtempSync(join(tmpdir(), 'ecg-runs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('run folders', () => {
  it('are laid out as runs/<experiment>/<variant>/seed-<n>', () => {
    expect(runDir('cinc2017', 'no-se', 2, '/r')).toBe('/r/cinc2017/no-se/seed-2');
  });
  it('record node, tfjs versions, the git commit and a digest of the data read', () => {
    const env = captureEnvironment({ backend: { name: 'wasm' }, dataFolders: { mitdb: join(bundledSampleRoot(), 'mitdb') } });
    expect(env.packages['@tensorflow/tfjs']).toBe('4.22.0');
    expect(env.git.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(env.backend).toEqual({ name: 'wasm' });
    expect(env.data.mitdb.files).toBe(8);
    expect(env.data.mitdb.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
  it('the data digest changes when one byte of one file changes', () => {
    const d = join(tmp, 'data');
    rmSync(d, { recursive: true, force: true });
    writeJsonAtomic(join(d, 'a.json'), { x: 1 });
    writeJsonAtomic(join(d, 'sub', 'b.json'), { y: 2 });
    const before = dataFolderDigest(d);
    expect(before.files).toBe(2);
    writeJsonAtomic(join(d, 'sub', 'b.json'), { y: 3 });
    expect(dataFolderDigest(d).sha256).not.toBe(before.sha256);
  });
  it('a folder written atomically is either complete or absent, even when filling fails', async () => {
    const dir = join(tmp, 'ckpt', 'epoch-001');
    await writeFolderAtomic(dir, (t) => writeFileSync(join(t, 'weights.bin'), 'v1'));
    await expect(
      writeFolderAtomic(dir, (t) => {
        writeFileSync(join(t, 'weights.bin'), 'half');
        throw new Error('killed while writing');
      }),
    ).rejects.toThrow(/killed/);
    expect(readdirSync(join(tmp, 'ckpt'))).toEqual(['epoch-001']);
    expect(existsSync(join(dir, 'weights.bin'))).toBe(true);
    await writeFolderAtomic(dir, (t) => writeFileSync(join(t, 'weights.bin'), 'v2'));
    expect(readdirSync(join(tmp, 'ckpt'))).toEqual(['epoch-001']);
  });
  it('reading a missing or broken JSON file is a typed error', () => {
    expect(() => readJson(join(tmp, 'nope.json'))).toThrow(/MISSING_FILE/);
    writeFileSync(join(tmp, 'bad.json'), '{');
    expect(() => readJson(join(tmp, 'bad.json'))).toThrow(/bad.json: BAD_CONFIG/);
  });
});
