// Entry point of a data-parallel training worker thread. Worker threads do not inherit the
// parent's require hooks (tsx, vitest), so the worker registers tsx itself, then runs the
// TypeScript worker module.
require('tsx/cjs');
require('./worker.ts');
