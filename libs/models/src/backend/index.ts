export {
  BACKEND_ENV_VAR,
  BACKEND_NAMES,
  backendInfo,
  formatBackendInfo,
  initBackend,
  type BackendAttempt,
  type BackendChoice,
  type BackendInfo,
  type BackendName,
  type InitBackendOptions,
} from './init-backend';
export { BackendError, isBackendError, type BackendErrorCode } from './errors';
export {
  missingGradientKernels,
  registerWasmFastPaths,
  registerWasmTrainingKernels,
  unregisterWasmFastPaths,
  type WasmKernelRegistration,
} from './wasm-kernels/register';
export { wasmBinaryDir } from './wasm-files';
export {
  buildReferenceNet,
  referenceNetSpec,
  tinyNetSpec,
  type MbconvBlockSpec,
  type ReferenceNetSpec,
} from './testing/reference-net';
