/** Benchmark suites: each returns named metrics; run.ts collects them into one JSON file. */
export interface BenchContext {
  /** Data root holding mitdb/, cinc2017/, ... (null when none is reachable). */
  dataRoot: string | null;
  log(message: string): void;
}

export type BenchMetrics = Record<string, number | string | boolean | null | undefined | Record<string, unknown> | unknown[]>;

export interface BenchSuite {
  name: string;
  /** What the suite measures and the target it is checked against. */
  description: string;
  run(ctx: BenchContext): Promise<BenchMetrics>;
}

/** Wall-clock time of fn in milliseconds (best of `repeats`). */
export async function timeBest(fn: () => unknown | Promise<unknown>, repeats = 3): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return best;
}
