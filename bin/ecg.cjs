#!/usr/bin/env node
// The `ecg` command: TypeScript sources run through tsx, so a fresh clone needs no build step.
require('tsx/cjs');
require('../experiments/src/cli/main.ts').main(process.argv).catch((err) => {
  process.stderr.write(`ecg: ${err && err.message ? err.message : String(err)}\n`);
  process.exitCode = process.exitCode || 1;
});
