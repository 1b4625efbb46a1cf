import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A require() that resolves from this file, under tsx (CJS) and vitest (ESM) alike. */
export const requireHere: NodeRequire = createRequire(
  typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url),
);

/**
 * Folder holding tfjs-backend-wasm's .wasm binaries, with a trailing separator: in Node the
 * Emscripten loader reads `prefix + 'tfjs-backend-wasm-simd.wasm'` with fs, so a plain file
 * path works (no fetch, no file:// URL needed).
 */
export function wasmBinaryDir(): string {
  return join(dirname(requireHere.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + sep;
}

export const WASM_BINARIES = {
  plain: 'tfjs-backend-wasm.wasm',
  simd: 'tfjs-backend-wasm-simd.wasm',
  threadedSimd: 'tfjs-backend-wasm-threaded-simd.wasm',
} as const;
