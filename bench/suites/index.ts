import type { BenchSuite } from '../harness';

/** Every benchmark suite, in run order. */
export const suites: BenchSuite[] = [];
