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
  /** Remote path of the list of records (one per line, possibly with a subfolder: "A00/A00001"). */
  recordsIndex: string;
  /** Folder the index's entries are relative to. */
  recordsBase: string;
  /** File extensions making up one record. */
  extensions: string[];
  /** Other files to fetch, remote path -> local name. */
  extraFiles: { remote: string; local: string }[];
  /** PhysioNet's published SHA256SUMS.txt (paths relative to baseUrl), or null. */
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
    extraFiles: [{ remote: 'training/REFERENCE.csv', local: 'REFERENCE.csv' }],
    checksums: 'SHA256SUMS.txt',
  },
};
