import { allExamples, metricWithCi, pairedDifference, seedEnsemble, type RunPredictions } from '../../results/predictions';
import { formatCiCell, type Cell, type ResultTable } from '../../results/table';
import type { SelectionConfig } from '../../config';
import { experimentMetrics } from './run-metrics';

/**
 * Seed ensembles of one experiment: for every variant with 2+ seeds that share a test set
 * (MIT-BIH's DS2, PTB-XL's fold 10, CinC 2017 with data.splitSeed; not splits drawn with the run seed), the metrics of the averaged
 * class probabilities beside the mean of the single seeds, and the paired difference to the
 * full model's ensemble over the same seeds. Null when no variant qualifies.
 *
 * With `folds` (a cross-validation config: seed n validates on fold n mod k), a variant has a row
 * only once seeds 0..k-1 have all finished, and its ensemble is exactly those k models: a
 * partial-fold ensemble is not the k-fold ensemble, and showing one would put the test score in
 * front of a choice that is to be made by out-of-fold validation first. With `selection` (the
 * config's candidates for such a choice), no candidate has a row until all of them have every fold.
 */
export function ensembleTable(
  experiment: string,
  variants: ReadonlyMap<string, ReadonlyMap<number, string>>,
  read: (dir: string) => RunPredictions,
  readValidation: (dir: string) => RunPredictions | null = () => null,
  options: { folds?: number; selection?: SelectionConfig } = {},
): ResultTable | null {
  const metrics = experimentMetrics(experiment);
  const foldSeeds = options.folds ? Array.from({ length: options.folds }, (_, i) => i) : null;
  // the candidates of a fixed choice are shown together, once every one has every fold
  const candidates = new Set(options.selection?.variants ?? []);
  const hasAll = (seeds: ReadonlyMap<number, string> | undefined, which: readonly number[]) => !!seeds && which.every((s) => seeds.has(s));
  const candidatesReady = [...candidates].every((v) => !!foldSeeds && hasAll(variants.get(v), foldSeeds));
  const ensembleOf = (seeds: ReadonlyMap<number, string>, which: readonly number[]) => {
    if (which.length < 2 || !hasAll(seeds, which)) return null;
    return seedEnsemble(which.map((s) => read(seeds.get(s)!)));
  };
  const full = variants.get('full');
  const rows: Cell[][] = [];
  for (const [variant, seeds] of variants) {
    if (candidates.has(variant) && !candidatesReady) continue;
    // a cross-validation variant with a fold missing has no ensemble (ensembleOf needs every listed seed)
    const seedList = foldSeeds ?? [...seeds.keys()];
    const ensemble = ensembleOf(seeds, seedList);
    if (!ensemble) continue;
    const singles = seedList.map((s) => read(seeds.get(s)!));
    const reference = variant !== 'full' && full ? ensembleOf(full, seedList) : null;
    const cells = metrics.flatMap((m) => [
      formatCiCell(metricWithCi(ensemble, m, { seed: 0, iterations: 500 })),
      Number((singles.reduce((sum, p) => sum + m.of(p, allExamples(p)), 0) / singles.length).toFixed(3)),
      reference ? formatCiCell(pairedDifference(ensemble, reference, m, { seed: 0, iterations: 500 }), true) : null,
    ]);
    // the same ensemble on the validation split, when the seeds share one (not patient folds): a choice made by it leaves the test split unseen
    const validation = seedList.map((s) => readValidation(seeds.get(s)!));
    const validationEnsemble = validation.every((v) => v !== null) ? seedEnsemble(validation as RunPredictions[]) : null;
    const validationCell = validationEnsemble ? Number(metrics[0].of(validationEnsemble, allExamples(validationEnsemble)).toFixed(3)) : null;
    rows.push([variant, seedList.length, seedList.join(' '), ...cells, validationCell]);
  }
  if (rows.length === 0) return null;
  return {
    id: `runs-${experiment}-ensembles`,
    title: `${experiment}: seed ensembles (class probabilities averaged over the seeds' models, test split)`,
    notes: [
      'Each ensemble averages, per test example, the class probabilities of one variant\'s models trained with different seeds (initialisation, shuffling and, on MIT-BIH, the validation patients); only variants whose seeds share one test set have one. It is a different model from any single seed (one inference per seed), reported for every variant alike. `npx ecg export --run A --run B ...` makes a predictor of such an ensemble.',
      '"Ensemble validation": the same average on the validation split at each seed\'s kept epoch, where the seeds share one validation set (blank: patient folds, or runs without validation predictions); a choice between an ensemble and a single model made by it leaves the test split unseen.',
      ...(options.selection ? [`Selection fixed before the runs finished: ${options.selection.rule}. Its candidates (${options.selection.variants.join(', ')}) appear here together, once every one of them has all its folds.`] : []),
      ...(foldSeeds ? [`Cross-validation config (${foldSeeds.length} validation folds): a variant appears once all ${foldSeeds.length} folds (seeds ${foldSeeds.join('-')}) have finished, and its ensemble is those ${foldSeeds.length} models; variants with folds still to train are left out, so no partial ensemble's test score is shown before the choice by out-of-fold validation.`] : []),
      '95 % CIs: percentile bootstrap over records/patients, 500 resamples. "vs full ensemble": this variant\'s ensemble minus the full model\'s ensemble over the same seeds, paired bootstrap.',
    ],
    columns: ['variant', 'seeds', 'seed list', ...metrics.flatMap((m) => [`ensemble ${m.name} [95 % CI]`, `mean ${m.name} of the single seeds`, `ensemble ${m.name} vs full ensemble [95 % CI]`]), `ensemble validation ${metrics[0].name}`],
    rows,
  };
}
