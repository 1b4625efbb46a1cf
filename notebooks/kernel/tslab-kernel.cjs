#!/usr/bin/env node
/**
 * The notebooks' Jupyter kernel: tslab, started so that cells can import the workspace packages
 * (`import { readRecord } from '@efficientecg/datasets'`) exactly as the rest of the code does.
 *
 * Why a wrapper instead of the plain `tslab` kernel (see notebooks/README.md):
 * - tslab type-checks with its own TypeScript 5.0 fork, non-strict, Node10 resolution, and
 *   rootDir = the kernel's working directory. Plain tslab started in notebooks/ refuses the
 *   libraries ("not under rootDir"), and non-strict inference reports errors in library code
 *   that the workspace's own `tsc` (strict, TypeScript 5.9) accepts. So: the working directory
 *   is the repository root, cells are checked in strict mode, and only the cell itself is
 *   reported on (the libraries are type-checked by `npm run typecheck`).
 * - Node cannot load the libraries' .ts sources by itself: tsx's require hook (the same
 *   transpiler the `ecg` CLI uses) loads them at run time.
 * Relative file paths in cells are therefore relative to the repository root.
 */
const path = require('node:path');
const Module = require('node:module');

const root = path.resolve(__dirname, '..', '..');
process.chdir(root);
require('tsx/cjs');

const tsForTslab = require('@tslab/typescript-for-tslab');
const CELL_FILES = new Set(['__tslab__.ts', '__tslab__.js']);
// tslab's compiler host watches every imported source file. A file changing while a cell runs
// (a run folder written next to sources, someone editing a library) makes its debouncer throw
// "Unexpected pending rebuildTimer" and aborts the notebook. Real files are therefore not
// watched: a library edited while the kernel runs is seen after a kernel restart.
const noWatch = () => ({ close() {} });
const quietSys = Object.assign(Object.create(tsForTslab.sys), { watchFile: noWatch, watchDirectory: noWatch });
// The fork's exports are getters (not writable): hand tslab a copy with these replaced.
const patchedTs = Object.assign({}, tsForTslab, {
  sys: quietSys,
  createWatchCompilerHost(rootFiles, options, ...rest) {
    return tsForTslab.createWatchCompilerHost(rootFiles, { ...options, strict: true }, ...rest);
  },
  getPreEmitDiagnosticsOfFiles(program, files) {
    const cells = files.filter((f) => f && CELL_FILES.has(path.basename(f.fileName)));
    return tsForTslab.getPreEmitDiagnosticsOfFiles(program, cells);
  },
});
const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === '@tslab/typescript-for-tslab' && parent && parent.filename.includes(`${path.sep}tslab${path.sep}dist${path.sep}`)) {
    return patchedTs;
  }
  return originalLoad.call(this, request, parent, isMain);
};

require(path.join(root, 'node_modules', 'tslab', 'dist', 'main.js')).main();
