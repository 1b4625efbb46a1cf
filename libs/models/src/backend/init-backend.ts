import * as tf from '@tensorflow/tfjs';
import { setWasmPaths, version_wasm } from '@tensorflow/tfjs-backend-wasm';
import { BackendError } from './errors';
import { requireHere, wasmBinaryDir } from './wasm-files';
import { registerWasmTrainingKernels, type WasmKernelRegistration } from './wasm-kernels/register';

// tfjs' cpu backend prints a banner recommending tfjs-node on first use in Node; initBackend
// already tries the native backends and records why each was skipped, so the banner is noise
// in every command's output. PROD only silences tfjs' log.warn/log.log.
tf.env().set('PROD', true);

/** The compute backends, fastest first. 'tensorflow*' are the native libtensorflow bindings. */
export const BACKEND_NAMES = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export type BackendChoice = 'auto' | BackendName;
/** Environment variable that picks the backend when the caller does not. */
export const BACKEND_ENV_VAR = 'ECG_TF_BACKEND';

export interface BackendAttempt {
  backend: BackendName;
  ok: boolean;
  detail: string;
}

/** What ran the numbers: saved into every run folder and printed at start-up. */
export interface BackendInfo {
  name: BackendName;
  /** tfjs's own name for the active backend ('tensorflow', 'wasm', 'cpu'). */
  tfjsBackend: string;
  tfjsVersion: string;
  /** npm package that provides the backend. */
  backendPackage: string;
  versions: Record<string, string>;
  /** wasm only: the SIMD binary is in use. */
  simd?: boolean;
  /** wasm only: XNNPACK threads (1: the threaded build cannot start workers in Node). */
  threads?: number;
  requested: BackendChoice;
  requestedBy: 'argument' | 'env' | 'default';
  /** Why this backend: the request, and what happened to faster candidates in 'auto'. */
  reason: string;
  attempts: BackendAttempt[];
  /** wasm only: gradient kernels added and kernels given fast paths (see wasm-kernels/). */
  wasmKernels?: WasmKernelRegistration;
}

export interface InitBackendOptions {
  backend?: BackendChoice | string;
  /** Defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** wasm: wrap slow kernels with fast paths (default true). */
  wasmFastPaths?: boolean;
}

/** Native packages tried for each native backend, in order. `tfjs-node-native` is the root
 * package.json's optional alias of @tensorflow/tfjs-node (the plain name is taken by
 * danfojs-node's override, which points it at pure-JS @tensorflow/tfjs). */
const NATIVE_PACKAGES: Record<'tensorflow-gpu' | 'tensorflow', string[]> = {
  'tensorflow-gpu': ['@tensorflow/tfjs-node-gpu'],
  tensorflow: ['tfjs-node-native', '@tensorflow/tfjs-node'],
};
const NATIVE_REAL_NAME = { 'tensorflow-gpu': '@tensorflow/tfjs-node-gpu', tensorflow: '@tensorflow/tfjs-node' };

let current: BackendInfo | null = null;

function parseChoice(value: string, source: string): BackendChoice {
  const v = value.trim().toLowerCase();
  if (v === 'auto' || (BACKEND_NAMES as readonly string[]).includes(v)) return v as BackendChoice;
  throw new BackendError('UNKNOWN_BACKEND', value, `${source}: expected auto, ${BACKEND_NAMES.join(', ')}`);
}

/**
 * Picks and starts the tfjs backend. Order for 'auto': native GPU, native CPU, wasm (SIMD),
 * pure-JS 'cpu'. The `backend` argument wins over ECG_TF_BACKEND, which wins over 'auto'.
 * An explicitly requested backend that cannot start throws BACKEND_UNAVAILABLE; 'auto' falls through.
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const env = options.env ?? process.env;
  let requested: BackendChoice = 'auto';
  let requestedBy: BackendInfo['requestedBy'] = 'default';
  if (options.backend != null && options.backend !== 'auto') {
    requested = parseChoice(options.backend, 'backend option');
    requestedBy = 'argument';
  } else if (env[BACKEND_ENV_VAR]) {
    requested = parseChoice(env[BACKEND_ENV_VAR]!, BACKEND_ENV_VAR);
    requestedBy = requested === 'auto' ? 'default' : 'env';
  }
  const candidates: BackendName[] = requested === 'auto' ? [...BACKEND_NAMES] : [requested];
  const attempts: BackendAttempt[] = [];
  for (const name of candidates) {
    const started = await tryStart(name, options);
    attempts.push({ backend: name, ok: started.ok, detail: started.detail });
    if (!started.ok) continue;
    const failed = attempts.filter((a) => !a.ok).map((a) => `${a.backend} unavailable (${a.detail})`);
    const how = requestedBy === 'argument' ? 'requested by argument' : requestedBy === 'env' ? `requested by ${BACKEND_ENV_VAR}` : 'auto';
    current = {
      ...started.info,
      requested,
      requestedBy,
      attempts,
      reason: [how, ...failed, `using ${name}: ${started.detail}`].join('; '),
    };
    return current;
  }
  const detail = attempts.map((a) => `${a.backend}: ${a.detail}`).join('; ');
  throw new BackendError('BACKEND_UNAVAILABLE', requested, detail);
}

/** The record of the last initBackend(). */
export function backendInfo(): BackendInfo {
  if (current == null) throw new BackendError('NOT_INITIALIZED', '(none)', 'call initBackend() first');
  return current;
}

/** One line for logs: "wasm (SIMD, 1 thread) | tfjs 4.22.0 | @tensorflow/tfjs-backend-wasm 4.22.0 | auto; ...". */
export function formatBackendInfo(info: BackendInfo): string {
  const extras = info.name === 'wasm' ? ` (${info.simd ? 'SIMD' : 'no SIMD'}, ${info.threads} thread${info.threads === 1 ? '' : 's'})` : '';
  const pkgVersion = info.versions[info.backendPackage] ?? '';
  return `${info.name}${extras} | tfjs ${info.tfjsVersion} | ${info.backendPackage} ${pkgVersion} | ${info.reason}`;
}

type StartResult =
  | { ok: true; detail: string; info: Omit<BackendInfo, 'requested' | 'requestedBy' | 'attempts' | 'reason'> }
  | { ok: false; detail: string };

function baseVersions(): Record<string, string> {
  const v: Record<string, string> = { node: process.versions.node };
  for (const [k, val] of Object.entries(tf.version)) if (typeof val === 'string') v[`@tensorflow/${k}`] = val;
  return v;
}

async function tryStart(name: BackendName, options: InitBackendOptions): Promise<StartResult> {
  try {
    if (name === 'cpu') return await startCpu();
    if (name === 'wasm') return await startWasm(options.wasmFastPaths ?? true);
    return await startNative(name);
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  }
}

async function startCpu(): Promise<StartResult> {
  if (!(await tf.setBackend('cpu'))) return { ok: false, detail: "tf.setBackend('cpu') failed" };
  await tf.ready();
  return {
    ok: true,
    detail: 'pure-JS kernels (slow for convolutions)',
    info: {
      name: 'cpu',
      tfjsBackend: tf.getBackend(),
      tfjsVersion: tf.version_core,
      backendPackage: '@tensorflow/tfjs-backend-cpu',
      versions: baseVersions(),
    },
  };
}

async function startWasm(fastPaths: boolean): Promise<StartResult> {
  // The threaded build starts its workers from blob: URLs, which Node cannot load: always single-threaded.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (tf.findBackend('wasm') == null) setWasmPaths(wasmBinaryDir());
  const wasmKernels = registerWasmTrainingKernels({ fastPaths });
  if (!(await tf.setBackend('wasm'))) return { ok: false, detail: "tf.setBackend('wasm') failed (see the warning above)" };
  await tf.ready();
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  return {
    ok: true,
    detail: simd ? 'WebAssembly with SIMD, single thread' : 'WebAssembly without SIMD (slow), single thread',
    info: {
      name: 'wasm',
      tfjsBackend: tf.getBackend(),
      tfjsVersion: tf.version_core,
      backendPackage: '@tensorflow/tfjs-backend-wasm',
      versions: { ...baseVersions(), '@tensorflow/tfjs-backend-wasm': version_wasm },
      simd,
      threads: 1,
      wasmKernels,
    },
  };
}

async function startNative(name: 'tensorflow-gpu' | 'tensorflow'): Promise<StartResult> {
  const problems: string[] = [];
  for (const pkg of NATIVE_PACKAGES[name]) {
    let manifest: { name?: string; version?: string };
    try {
      manifest = requireHere(`${pkg}/package.json`);
    } catch {
      problems.push(`${pkg} not installed`);
      continue;
    }
    if (manifest.name !== NATIVE_REAL_NAME[name]) {
      problems.push(`${pkg} resolves to ${manifest.name} (an alias, not the native binding)`);
      continue;
    }
    try {
      requireHere(pkg); // registers tfjs backend 'tensorflow' (loads libtensorflow; throws when it is missing)
    } catch (e) {
      problems.push(`${pkg} failed to load: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      continue;
    }
    if (tf.findBackendFactory('tensorflow') == null || !(await tf.setBackend('tensorflow'))) {
      problems.push(`${pkg} loaded but tfjs backend 'tensorflow' did not start`);
      continue;
    }
    await tf.ready();
    const versions = { ...baseVersions(), [NATIVE_REAL_NAME[name]]: manifest.version ?? '?' };
    const binding = (tf.backend() as unknown as { binding?: { TF_Version?: string } }).binding;
    if (binding?.TF_Version) versions.libtensorflow = binding.TF_Version;
    return {
      ok: true,
      detail: `native libtensorflow${versions.libtensorflow ? ' ' + versions.libtensorflow : ''} via ${pkg}`,
      info: { name, tfjsBackend: tf.getBackend(), tfjsVersion: tf.version_core, backendPackage: NATIVE_REAL_NAME[name], versions },
    };
  }
  return { ok: false, detail: problems.join(', ') };
}
