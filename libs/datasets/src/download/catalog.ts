/**
 * The data sets `ecg download` can fetch, described as data: where PhysioNet publishes them,
 * which index lists the records, which files make a record, and where checksums are.
 */
export interface DownloadableDataset {
  name: string;
  description: string;
  /** PhysioNet project root; every remote path below is relative to it. */
  baseUrl: string;
  /** Folder under the data root the set is written to (the layout the loaders read). */
  localDir: string;
  /**
   * Remote path of the list of records, one per line. An entry may carry a subfolder
   * ("A00/A00001"): the remote files are `<recordsBase><entry>.<ext>`, the local ones
   * `<basename(entry)>.<ext>` (flat, as the loaders read them).
   */
  recordsIndex: string;
  /** Folder the index's entries are relative to. */
  recordsBase: string;
  /** File extensions making up one record. */
  extensions: string[];
  /** Other files to fetch (label tables...), remote path -> local name. */
  extraFiles: { remote: string; local: string }[];
  /**
   * PhysioNet's SHA256SUMS.txt (every published project has one at its root, listing every
   * file by its path relative to baseUrl, e.g. "training/A00/A00001.mat"), or null.
   */
  checksums: string | null;
}

export const downloadableDatasets: Readonly<Record<string, DownloadableDataset>> = {
  mitdb: {
    name: 'mitdb',
    description: 'MIT-BIH Arrhythmia Database v1.0.0: 48 records, 360 Hz, 2 leads, reference beat annotations (ODC-By 1.0)',
    baseUrl: 'https://physionet.org/files/mitdb/1.0.0/',
    localDir: 'mitdb',
    recordsIndex: 'RECORDS',
    recordsBase: '',
    extensions: ['hea', 'dat', 'atr'],
    extraFiles: [],
    checksums: 'SHA256SUMS.txt',
  },
  cinc2017: {
    name: 'cinc2017',
    description: 'PhysioNet/CinC Challenge 2017 training set v1.0.0: 8,528 single-lead records, 300 Hz, labels N/A/O/~ (ODC-By 1.0)',
    baseUrl: 'https://physionet.org/files/challenge-2017/1.0.0/',
    localDir: 'cinc2017',
    recordsIndex: 'training/RECORDS',
    recordsBase: 'training/',
    extensions: ['hea', 'mat'],
    // the final (v3) labels, published at the project root; kept locally under the name the loaders read
    extraFiles: [{ remote: 'REFERENCE-v3.csv', local: 'REFERENCE.csv' }],
    checksums: 'SHA256SUMS.txt',
  },
};
