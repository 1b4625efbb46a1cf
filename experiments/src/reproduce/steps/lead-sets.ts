import { allExamples, pooledPairedDifference, type RunPredictions } from '../../results/predictions';
import { formatCiCell, type Cell, type ResultTable } from '../../results/table';
import { experimentMetrics } from './run-metrics';

/** The suffix of an experiment that is another experiment on the HMIC 8-lead set (I, II, V1-V6). */
export const HMIC8_SUFFIX = '-hmic8';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * 12 leads against the HMIC 8-lead subset, per variant trained on both: the headline metrics
 * of the seeds both lead sets have, and the mean over seeds of (8 leads minus 12 leads) with a
 * paired bootstrap CI over patients. A seed pairs only when its 8-lead test examples are all in
 * the 12-lead run's test set (the same split). Null when no variant pairs.
 */
export function leadSetTable(
  experiment: string,
  twelve: ReadonlyMap<string, ReadonlyMap<number, string>>,
  eight: ReadonlyMap<string, ReadonlyMap<number, string>>,
  read: (dir: string) => RunPredictions,
): ResultTable | null {
  const metrics = experimentMetrics(experiment);
  const rows: Cell[][] = [];
  for (const [variant, seeds8] of eight) {
    const seeds12 = twelve.get(variant);
    if (!seeds12) continue;
    const pairs: { a: RunPredictions; b: RunPredictions; seed: number }[] = [];
    for (const [seed, dir8] of seeds8) {
      const dir12 = seeds12.get(seed);
      if (!dir12) continue;
      const a = read(dir8);
      const b = read(dir12);
      const in12 = new Set(b.ids);
      if (a.ids.every((id) => in12.has(id))) pairs.push({ a, b, seed });
    }
    if (pairs.length === 0) continue;
    const cells = metrics.flatMap((m) => {
      const v12 = pairs.map((p) => m.of(p.b, allExamples(p.b)));
      const v8 = pairs.map((p) => m.of(p.a, allExamples(p.a)));
      return [
        Number(mean(v12).toFixed(3)),
        Number(mean(v8).toFixed(3)),
        formatCiCell(pooledPairedDifference(pairs, m, { seed: 0, iterations: 500 }), true),
        pairs.map((_, i) => `${v12[i].toFixed(3)} / ${v8[i].toFixed(3)}`).join('; '),
      ];
    });
    rows.push([variant, pairs.length, pairs.map((p) => p.seed).join(' '), ...cells]);
  }
  if (rows.length === 0) return null;
  return {
    id: `runs-${experiment}-lead-sets`,
    title: `${experiment}: 12 leads against the HMIC 8 leads (I, II, V1-V6; experiment ${experiment}${HMIC8_SUFFIX}), per variant (test split)`,
    notes: [
      `Runs of ${experiment} and ${experiment}${HMIC8_SUFFIX} with the same variant and seed: the same split and test patients, the same training settings, only the leads differ (the four limb leads III, aVR, aVL, aVF that HMIC 8 drops are linear combinations of I and II).`,
      '"8 vs 12 leads": the 8-lead run minus the 12-lead run, averaged over the seeds both have; 95 % CI by a paired percentile bootstrap over patients, each seed resampled within its own test set, 500 resamples. A CI that spans 0 means the dropped leads made no difference these test sets can show.',
    ],
    columns: ['variant', 'seeds', 'seed list', ...metrics.flatMap((m) => [`mean ${m.name}, 12 leads`, `mean ${m.name}, 8 leads`, `${m.name}, 8 vs 12 leads, mean over seeds [95 % CI]`, `${m.name} per seed (12 / 8)`])],
    rows,
  };
}
