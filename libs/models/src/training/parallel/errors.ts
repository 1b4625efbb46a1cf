/**
 * Typed errors of data-parallel training. `code` says what went wrong, `worker` names the
 * worker thread (null: the main thread), `detail` carries the worker's own message and stack.
 */
export type ParallelTrainingErrorCode =
  | 'BAD_OPTION' // an impossible setting (workers < 1, a recipe without a name...)
  | 'WORKER_START_FAILED' // a worker could not start its backend or build the model
  | 'WORKER_STEP_FAILED' // a worker threw while computing its gradients or its shard's predictions
  | 'WORKER_EXITED' // a worker thread ended unexpectedly (crash, out of memory, terminate)
  | 'MODEL_MISMATCH' // a worker built a model whose weights differ in number or shape from the main model's
  | 'WEIGHTS_DIVERGED' // a worker's weights are not bit-identical to the main thread's
  | 'CLOSED'; // the engine was used after close() or after a failure

export class ParallelTrainingError extends Error {
  override readonly name = 'ParallelTrainingError';
  constructor(
    readonly code: ParallelTrainingErrorCode,
    readonly worker: number | null,
    readonly detail: string,
  ) {
    super(`parallel training${worker === null ? '' : ` (worker ${worker})`}: ${code}: ${detail}`);
  }
}

export function isParallelTrainingError(e: unknown, code?: ParallelTrainingErrorCode): e is ParallelTrainingError {
  return e instanceof ParallelTrainingError && (code === undefined || e.code === code);
}
