/**
 * Typed error for saving/loading a model folder. `file` is the path that is wrong (model.json,
 * weights.bin, or the folder itself), so a researcher knows what to fix or re-create.
 */
export type ModelIoErrorCode =
  | 'MODEL_JSON_MISSING' // no model.json in the folder (never saved, or a save did not finish)
  | 'MODEL_JSON_CORRUPT' // model.json is not JSON, or lacks modelTopology / weightsManifest
  | 'WEIGHTS_MISSING' // a weights file named by the manifest does not exist
  | 'WEIGHTS_SIZE_MISMATCH' // the weights file is shorter/longer than the manifest says
  | 'WEIGHTS_CHECKSUM_MISMATCH' // right size, wrong bytes (the sha256 in model.json disagrees)
  | 'UNSUPPORTED_ARTIFACTS'; // e.g. a GraphDef (binary) topology, which this handler does not write

export class ModelIoError extends Error {
  override readonly name = 'ModelIoError';
  constructor(
    readonly code: ModelIoErrorCode,
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${code}: ${detail}`);
  }
}

export function isModelIoError(e: unknown, code?: ModelIoErrorCode): e is ModelIoError {
  return e instanceof ModelIoError && (code === undefined || e.code === code);
}
