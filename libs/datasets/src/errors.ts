/**
 * One typed error for every bad input the readers meet. `code` says what is
 * wrong, `file` says where, so a researcher with 3,000 records can find the bad one.
 */
export type EcgDataErrorCode =
  | 'MISSING_FILE' // a file the record needs does not exist
  | 'BAD_HEADER' // a .hea line that does not parse
  | 'UNSUPPORTED_FORMAT' // a WFDB format / MAT type this reader does not decode
  | 'TRUNCATED' // fewer bytes than the header promises
  | 'SIZE_MISMATCH' // more bytes than the header promises, or an inconsistent size field
  | 'CHECKSUM_MISMATCH' // 16-bit checksum or initial value disagrees with the samples
  | 'SHA256_MISMATCH' // a downloaded file disagrees with the published SHA256SUMS
  | 'BAD_ANNOTATION' // an annotation file that does not decode
  | 'BAD_MAT' // a MAT v4/v5 file that does not decode
  | 'BAD_LABEL_FILE' // unreadable REFERENCE.csv / label table
  | 'MISSING_LABEL' // a record with no label where one is required
  | 'MISSING_DEMOGRAPHICS' // age or sex required but absent
  | 'MISSING_LEAD' // a lead a lead set requires is not among the record's signals
  | 'NAN_SAMPLES' // NaN or infinite samples
  | 'BAD_ARGUMENT' // a caller passed something impossible (negative window, unknown split name...)
  | 'BAD_CONFIG' // an experiment config that is not valid JSON or fails its schema
  | 'DOWNLOAD_FAILED'; // HTTP error or interrupted transfer that could not be resumed

export class EcgDataError extends Error {
  override readonly name = 'EcgDataError';
  constructor(
    readonly code: EcgDataErrorCode,
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${code}: ${detail}`);
  }
}

export function isEcgDataError(e: unknown, code?: EcgDataErrorCode): e is EcgDataError {
  return e instanceof EcgDataError && (code === undefined || e.code === code);
}
