/** Typed error for backend selection: `code` says what went wrong, `backend` which one was asked for. */
export type BackendErrorCode =
  | 'UNKNOWN_BACKEND' // a name that is not one of auto | tensorflow-gpu | tensorflow | wasm | cpu
  | 'BACKEND_UNAVAILABLE' // the package is not installed, or it loaded but tfjs could not start it
  | 'NOT_INITIALIZED'; // backendInfo() before initBackend()

export class BackendError extends Error {
  override readonly name = 'BackendError';
  constructor(
    readonly code: BackendErrorCode,
    readonly backend: string,
    readonly detail: string,
  ) {
    super(`backend ${backend}: ${code}: ${detail}`);
  }
}

export function isBackendError(e: unknown, code?: BackendErrorCode): e is BackendError {
  return e instanceof BackendError && (code === undefined || e.code === code);
}
