/**
 * WFDB names a record by its path without extension ("../data/mitdb/100"). Users also paste
 * the header or signal file's path; those name the same record.
 */
export function normalizeRecordPath(p: string): string {
  return p.replace(/\.(hea|dat|mat|atr)$/i, '');
}
