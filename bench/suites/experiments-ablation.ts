import { join } from 'node:path';
import { aamiMeasures, confusionMatrix, type ConfusionMatrix } from '@efficientecg/models';
import { argmax, pairedDifference, readPredictions, type RunPredictions } from '@efficientecg/experiments/src/results/predictions';
import { defaultArchiveRoot, predictionsFileOf } from '@efficientecg/experiments/src/runs';
import { timeBest, type BenchSuite } from '../harness';

const jk = (m: ConfusionMatrix) => aamiMeasures(m).jkIndex;
const cmOf = (p: RunPredictions, idx: number[]) => confusionMatrix(idx.map((i) => p.labels![i]), idx.map((i) => argmax(p.probs[i])), p.classNames.length);

/**
 * The paired bootstrap behind every row of the ablation tables, on two archived MIT-BIH runs
 * (DS2, 49,692 beats in 22 records): per-resample confusion matrices summed per record against
 * one pass over every beat per resample. Both give the same interval; the table step runs it
 * 2 metrics x (every seed + the mean over seeds) x every variant.
 */
export const suite: BenchSuite = {
  name: 'experiments-ablation',
  description: 'paired bootstrap (500 resamples) of the jk index, no-fusion vs full on MIT-BIH DS2: group-summed confusion matrices vs example level',
  async run(ctx) {
    const dir = (variant: string) => join(defaultArchiveRoot(), 'mitdb-inter-patient', variant, 'seed-0');
    const file = (variant: string) => predictionsFileOf(dir(variant));
    const [fa, fb] = [file('no-fusion'), file('full')];
    if (!fa || !fb) return { skipped: 'no archived mitdb-inter-patient seed-0 runs (full, no-fusion) in results/run-archive/' };
    const a = readPredictions(fa);
    const b = readPredictions(fb);
    const options = { seed: 0, iterations: 500 };
    let grouped = pairedDifference(a, b, { of: (p, idx) => jk(cmOf(p, idx)), fromConfusion: jk }, options);
    const groupedMs = await timeBest(() => (grouped = pairedDifference(a, b, { of: (p, idx) => jk(cmOf(p, idx)), fromConfusion: jk }, options)), 3);
    let exampleLevel = grouped;
    const exampleMs = await timeBest(() => (exampleLevel = pairedDifference(a, b, (p, idx) => jk(cmOf(p, idx)), options)), 1);
    ctx.log(`group sums ${groupedMs.toFixed(0)} ms, example level ${exampleMs.toFixed(0)} ms`);
    return {
      examples: grouped.examples,
      groupSummedMs: groupedMs,
      exampleLevelMs: exampleMs,
      speedup: exampleMs / groupedMs,
      sameInterval: grouped.estimate === exampleLevel.estimate && grouped.low === exampleLevel.low && grouped.high === exampleLevel.high,
      interval: { estimate: grouped.estimate, low: grouped.low, high: grouped.high },
    };
  },
};
