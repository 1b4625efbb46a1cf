import { readWfdbRecord } from '../../wfdb/record';
import { assertFiniteRecord } from '../finite';
import type { Rng } from '../../random';
import { stratifiedSplit, type Split, type SplitFractions } from '../splits';
import { applyLengthPolicy, type LengthPolicy } from '../length-policy';
import { CINC2017_CLASSES, type Cinc2017Entry, type Cinc2017Label } from './reference';

/** Seeded train/validation/test split stratified by label (default 70/10/20 %). */
export function cinc2017Split(
  entries: readonly Cinc2017Entry[],
  options: { seed?: number; fractions?: SplitFractions } = {},
): Split<Cinc2017Entry> {
  return stratifiedSplit(entries, (e) => e.label, {
    seed: options.seed ?? 0,
    fractions: options.fractions ?? [0.7, 0.1, 0.2],
    keyOf: (e) => e.record,
  });
}

export interface Cinc2017Example {
  record: string;
  label: Cinc2017Label;
  /** Index into CINC2017_CLASSES. */
  labelIndex: number;
  fs: number;
  /** Length of the record before the policy, in samples. */
  nSamples: number;
  /** Fixed-length windows of the single lead, in mV (several for 'sliding'). */
  windows: Float32Array[];
}

/** Records -> fixed-length examples, one record read at a time. */
export function* iterateCinc2017Examples(
  entries: readonly Cinc2017Entry[],
  options: { policy: LengthPolicy; rng?: Rng },
): Generator<Cinc2017Example> {
  for (const e of entries) {
    const rec = readWfdbRecord(e.path, { verify: 'skip' }); // CinC 2017 headers store checksum 0: nothing to verify
    assertFiniteRecord(rec);
    yield {
      record: e.record,
      label: e.label,
      labelIndex: CINC2017_CLASSES.indexOf(e.label),
      fs: rec.fs,
      nSamples: rec.nSamples,
      windows: applyLengthPolicy(rec.signals[0], options.policy, { record: rec.path, rng: options.rng }),
    };
  }
}
