import type { BenchSuite } from '../harness';
import { suite as datasetsBeats } from './datasets-beats';
import { suite as datasetsRead } from './datasets-read';

/** Every benchmark suite, in run order. */
export const suites: BenchSuite[] = [datasetsRead, datasetsBeats];
