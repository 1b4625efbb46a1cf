import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm'; // registers the wasm backend and its kernels first
import type { KernelConfig } from '@tensorflow/tfjs';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter';
import { depthwiseBackpropFilterConfig, depthwiseBackpropInputConfig } from './depthwise-backprop';
import { fastPathOverrides, overrideConfig } from './fast-paths';

/** Gradient kernels tfjs-backend-wasm 4.22.0 lacks; built from kernels it has. */
export const missingGradientKernels: KernelConfig[] = [
  conv2dBackpropFilterConfig,
  depthwiseBackpropFilterConfig,
  depthwiseBackpropInputConfig,
];

export interface WasmKernelRegistration {
  /** Kernels added because wasm had none. */
  added: string[];
  /** Existing wasm kernels wrapped with a fast path. */
  overridden: string[];
}

let registration: WasmKernelRegistration | null = null;
const originals = new Map<string, KernelConfig>();

/**
 * Makes the wasm backend able to train conv/LSTM/attention nets, and faster at it.
 * Idempotent. Safe before or after tf.setBackend('wasm'): wrapped kernels keep the original
 * setupFunc, which the backend runs when it initializes.
 */
export function registerWasmTrainingKernels(options: { fastPaths?: boolean } = {}): WasmKernelRegistration {
  if (registration == null) {
    const added: string[] = [];
    for (const config of missingGradientKernels) {
      if (tf.getKernel(config.kernelName, 'wasm') != null) continue; // a newer tfjs ships its own
      tf.registerKernel(config);
      added.push(config.kernelName);
    }
    registration = { added, overridden: [] };
  }
  if (options.fastPaths ?? true) registerWasmFastPaths();
  return registration;
}

/** Wraps the slow wasm kernels with their fast paths (see fast-paths.ts). Idempotent. */
export function registerWasmFastPaths(): void {
  if (registration == null) {
    registerWasmTrainingKernels();
    return;
  }
  if (originals.size > 0) return;
  for (const override of fastPathOverrides) {
    const original = tf.getKernel(override.kernelName, 'wasm');
    if (original == null) continue;
    originals.set(override.kernelName, original);
    tf.unregisterKernel(override.kernelName, 'wasm');
    tf.registerKernel(overrideConfig(original, override));
  }
  registration = { added: registration.added, overridden: [...originals.keys()] };
}

/** Puts back the original wasm kernels (for side-by-side measurements and parity tests). */
export function unregisterWasmFastPaths(): void {
  for (const [name, original] of originals) {
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(original);
  }
  originals.clear();
  if (registration) registration = { added: registration.added, overridden: [] };
}
