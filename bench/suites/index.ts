import type { BenchSuite } from '../harness';
import { suite as datasetsBeats } from './datasets-beats';
import { suite as datasetsRead } from './datasets-read';
import { suite as modelsBackend } from './models-backend';
import { suite as modelsParallel } from './models-parallel';
import { suite as signalFilters } from './signal-filters';
import { suite as signalPwave } from './signal-pwave';
import { suite as signalRpeaks } from './signal-rpeaks';
import { suite as modelsInference } from './models-inference';
import { suite as experimentsAblation } from './experiments-ablation';

/** Every benchmark suite, in run order. */
export const suites: BenchSuite[] = [datasetsRead, datasetsBeats, signalFilters, signalRpeaks, signalPwave, modelsBackend, modelsParallel, modelsInference, experimentsAblation];
