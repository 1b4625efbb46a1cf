import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readWfdbRecord } from '@efficientecg/datasets';
import { timeBest, type BenchSuite } from '../harness';

function records(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.hea')).map((f) => join(dir, f.slice(0, -4))).sort();
}

export const suite: BenchSuite = {
  name: 'datasets-read',
  description: 'WFDB reading: all 48 MIT-BIH records (target >= 200 MB/s of .dat), all CinC 2017 records (target < 2 s)',
  async run({ dataRoot, log }) {
    if (!dataRoot) return { skipped: 'no data root' };
    const mitdb = records(join(dataRoot, 'mitdb'));
    const datBytes = mitdb.reduce((n, r) => n + statSync(r + '.dat').size, 0);
    const readAll = (verify: 'error' | 'skip') => () => {
      for (const r of mitdb) readWfdbRecord(r, { verify });
    };
    const msVerified = await timeBest(readAll('error'), 5);
    const msUnverified = await timeBest(readAll('skip'), 5);
    const mbPerS = datBytes / 1e6 / (msVerified / 1000);
    log(`MIT-BIH: ${mitdb.length} records, ${(datBytes / 1e6).toFixed(1)} MB in ${msVerified.toFixed(0)} ms with checksums (${mbPerS.toFixed(0)} MB/s), ${msUnverified.toFixed(0)} ms without`);

    const cinc = records(join(dataRoot, 'cinc2017'));
    const msCinc = await timeBest(() => {
      for (const r of cinc) readWfdbRecord(r, { verify: 'report' });
    }, 3);
    log(`CinC 2017: ${cinc.length} records in ${msCinc.toFixed(0)} ms`);
    return {
      mitdbRecords: mitdb.length,
      mitdbDatMB: datBytes / 1e6,
      mitdbMsVerified: msVerified,
      mitdbMsUnverified: msUnverified,
      mitdbMBPerS: mbPerS,
      mitdbTargetMBPerS: 200,
      mitdbMeetsTarget: mbPerS >= 200,
      cinc2017Records: cinc.length,
      cinc2017Ms: msCinc,
      cinc2017TargetMs: 2000,
      cinc2017MeetsTarget: msCinc < 2000,
    };
  },
};
