import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { isBackendError } from './errors';
import { BACKEND_ENV_VAR, backendInfo, formatBackendInfo, initBackend } from './init-backend';
import { requireHere, WASM_BINARIES, wasmBinaryDir } from './wasm-files';

function installed(pkg: string, realName: string): boolean {
  try {
    return requireHere(`${pkg}/package.json`).name === realName;
  } catch {
    return false;
  }
}
const nativeGpu = installed('@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node-gpu');
const nativeCpu = installed('tfjs-node-native', '@tensorflow/tfjs-node') || installed('@tensorflow/tfjs-node', '@tensorflow/tfjs-node');

afterAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('initBackend', () => {
  it('starts wasm with SIMD, single-threaded, and records versions', async () => {
    const info = await initBackend({ backend: 'wasm', env: {} });
    expect(info).toMatchObject({ name: 'wasm', tfjsBackend: 'wasm', simd: true, threads: 1, requested: 'wasm', requestedBy: 'argument' });
    expect(info.backendPackage).toBe('@tensorflow/tfjs-backend-wasm');
    expect(info.tfjsVersion).toBe('4.22.0');
    expect(info.versions['@tensorflow/tfjs-backend-wasm']).toBe('4.22.0');
    expect(info.versions['@tensorflow/tfjs-core']).toBe('4.22.0');
    expect(info.wasmKernels?.added).toEqual(
      expect.arrayContaining(['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput']),
    );
    expect(tf.getBackend()).toBe('wasm');
    expect(formatBackendInfo(info)).toMatch(/^wasm \(SIMD, 1 thread\) \| tfjs 4\.22\.0 \| @tensorflow\/tfjs-backend-wasm 4\.22\.0 \| requested by argument/);
    // the record is plain data: it goes into run folders as JSON
    expect(JSON.parse(JSON.stringify(backendInfo()))).toEqual(info);
  });

  it('ECG_TF_BACKEND picks the backend when the argument does not; the argument wins', async () => {
    const fromEnv = await initBackend({ env: { [BACKEND_ENV_VAR]: 'cpu' } });
    expect(fromEnv).toMatchObject({ name: 'cpu', requestedBy: 'env', backendPackage: '@tensorflow/tfjs-backend-cpu' });
    expect(tf.getBackend()).toBe('cpu');
    const fromArg = await initBackend({ backend: 'wasm', env: { [BACKEND_ENV_VAR]: 'cpu' } });
    expect(fromArg).toMatchObject({ name: 'wasm', requestedBy: 'argument' });
    const autoArg = await initBackend({ backend: 'auto', env: { [BACKEND_ENV_VAR]: 'CPU ' } });
    expect(autoArg).toMatchObject({ name: 'cpu', requestedBy: 'env' });
  });

  it('auto tries native GPU, native CPU, then wasm, and says why it skipped each', async () => {
    const info = await initBackend({ env: {} });
    expect(info.requested).toBe('auto');
    const firstOk = info.attempts.findIndex((a) => a.ok);
    expect(info.attempts[firstOk].backend).toBe(info.name);
    expect(info.attempts.slice(0, firstOk).every((a) => !a.ok)).toBe(true);
    expect(info.attempts.map((a) => a.backend)).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'].slice(0, firstOk + 1));
    if (!nativeGpu && !nativeCpu) {
      expect(info.name).toBe('wasm');
      expect(info.attempts[0].detail).toContain('@tensorflow/tfjs-node-gpu not installed');
      // in this workspace @tensorflow/tfjs-node is danfojs-node's pure-JS alias, never mistaken for the binding
      expect(info.attempts[1].detail).toMatch(/tfjs-node-native not installed/);
      expect(info.reason).toMatch(/^auto; tensorflow-gpu unavailable .*; tensorflow unavailable .*; using wasm/);
    }
  });

  it.skipIf(nativeCpu)('an explicitly requested backend that is not installed is a typed error', async () => {
    const err = await initBackend({ backend: 'tensorflow', env: {} }).catch((e) => e);
    expect(isBackendError(err, 'BACKEND_UNAVAILABLE')).toBe(true);
    expect(err.message).toContain('tfjs-node-native not installed');
  });

  it('unknown names are typed errors, from the argument and from the environment', async () => {
    const a = await initBackend({ backend: 'webgpu' }).catch((e) => e);
    expect(isBackendError(a, 'UNKNOWN_BACKEND')).toBe(true);
    expect(a.message).toContain('webgpu');
    const b = await initBackend({ env: { [BACKEND_ENV_VAR]: 'gpu' } }).catch((e) => e);
    expect(isBackendError(b, 'UNKNOWN_BACKEND')).toBe(true);
    expect(b.message).toContain(BACKEND_ENV_VAR);
  });
});

describe('wasm binaries', () => {
  // A fresh Node process, since the wasm module initializes once per process: with the plain and
  // threaded binaries replaced by missing files, init can only succeed by loading the SIMD one.
  const script = (map: Record<string, string>) => `
    const tf = require('@tensorflow/tfjs');
    const wasm = require('@tensorflow/tfjs-backend-wasm');
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasm.setWasmPaths(${JSON.stringify(map)});
    tf.setBackend('wasm').then(async (ok) => {
      if (!ok) { console.log('INIT_FAILED'); return; }
      const y = tf.conv1d(tf.ones([1, 8, 1]), tf.ones([3, 1, 1]), 1, 'same');
      console.log('OK', tf.getBackend(), Array.from(y.dataSync()).join(','));
    });`;
  const run = (map: Record<string, string>) =>
    spawnSync(process.execPath, ['-e', script(map)], { cwd: requireHere.resolve('@tensorflow/tfjs/package.json').replace(/node_modules.*$/, ''), encoding: 'utf8' });
  const dir = wasmBinaryDir();
  const missing = dir + 'does-not-exist.wasm';

  it('the SIMD binary is the one that loads in Node', () => {
    const r = run({ [WASM_BINARIES.simd]: dir + WASM_BINARIES.simd, [WASM_BINARIES.plain]: missing, [WASM_BINARIES.threadedSimd]: missing });
    expect(r.stdout.trim()).toBe('OK wasm 2,3,3,3,3,3,3,2');
  });

  it('(control) without the SIMD binary the same init fails', () => {
    const r = run({ [WASM_BINARIES.simd]: missing, [WASM_BINARIES.plain]: dir + WASM_BINARIES.plain, [WASM_BINARIES.threadedSimd]: missing });
    expect(r.stdout).not.toContain('OK');
  });
});
