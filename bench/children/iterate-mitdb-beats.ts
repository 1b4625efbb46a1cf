/**
 * Child process of the datasets-beats bench: iterates every beat window of DS1 and
 * DS2 and reports its own peak RSS, so the figure is not polluted by other suites.
 */
import { iterateMitdbBeats, MITDB_DS1, MITDB_DS2 } from '@efficientecg/datasets';

const root = process.argv[2];
global.gc?.();
const rssBeforeMB = process.memoryUsage().rss / 2 ** 20;
const t0 = process.hrtime.bigint();
let beats = 0;
let energy = 0;
const stats = { skippedAtEdges: 0 };
for (const b of iterateMitdbBeats(root, [...MITDB_DS1, ...MITDB_DS2], { stats })) {
  beats++;
  energy += b.signals[0][90] * b.signals[0][90]; // touch the data so nothing is optimised away
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
process.stdout.write(
  JSON.stringify({ beats, skippedAtEdges: stats.skippedAtEdges, ms, rssBeforeMB, peakRssMB: process.resourceUsage().maxRSS / 1024, energy }),
);
