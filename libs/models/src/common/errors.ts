/**
 * One typed error for every bad model configuration or unsupported model the helpers meet.
 * `code` says what kind of problem it is, `where` names the function and setting, `detail`
 * says what was wrong in words a researcher can act on.
 */
export type ModelErrorCode =
  | 'BAD_CONFIG' // an impossible setting (negative width, even kernel, unknown activation...)
  | 'UNKNOWN_SHAPE'; // a count needs a static shape the model does not have (e.g. inputLength null)

export class ModelError extends Error {
  override readonly name = 'ModelError';
  constructor(
    readonly code: ModelErrorCode,
    readonly where: string,
    readonly detail: string,
  ) {
    super(`${where}: ${code}: ${detail}`);
  }
}

export function isModelError(e: unknown, code?: ModelErrorCode): e is ModelError {
  return e instanceof ModelError && (code === undefined || e.code === code);
}
