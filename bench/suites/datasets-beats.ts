import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { BenchSuite } from '../harness';

/** The whole set in memory would be ~100k beats x 2 leads x 256 samples x 4 bytes = 205 MB plus the records. */
const TARGET_PEAK_GROWTH_MB = 100;

export const suite: BenchSuite = {
  name: 'datasets-beats',
  description: `MIT-BIH beat windows over DS1+DS2 (44 records) one record at a time: time and peak RSS growth (target < ${TARGET_PEAK_GROWTH_MB} MB)`,
  async run({ dataRoot, log }) {
    if (!dataRoot) return { skipped: 'no data root' };
    const child = spawnSync(process.execPath, ['--expose-gc', '-r', 'tsx/cjs', join(__dirname, '..', 'children', 'iterate-mitdb-beats.ts'), dataRoot], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (child.status !== 0) throw new Error(`beat iteration child failed: ${child.stderr}`);
    const r = JSON.parse(child.stdout) as { beats: number; skippedAtEdges: number; ms: number; rssBeforeMB: number; peakRssMB: number };
    const growth = r.peakRssMB - r.rssBeforeMB;
    log(`${r.beats} beats (${r.skippedAtEdges} at record edges skipped) in ${r.ms.toFixed(0)} ms; RSS ${r.rssBeforeMB.toFixed(0)} MB before, peak ${r.peakRssMB.toFixed(0)} MB (+${growth.toFixed(0)} MB)`);
    return {
      beats: r.beats,
      skippedAtEdges: r.skippedAtEdges,
      ms: r.ms,
      beatsPerSecond: r.beats / (r.ms / 1000),
      rssBeforeMB: r.rssBeforeMB,
      peakRssMB: r.peakRssMB,
      peakGrowthMB: growth,
      targetPeakGrowthMB: TARGET_PEAK_GROWTH_MB,
      meetsTarget: growth < TARGET_PEAK_GROWTH_MB,
    };
  },
};
