#!/usr/bin/env node
// `npm test`: typecheck every Nx project, run every project's vitest suite, then print one
// summary line ("N passed, N failed") that CI and humans can read at a glance.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const nx = path.join(root, 'node_modules', '.bin', 'nx');
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecg-test-reports-'));
const env = { ...process.env, ECG_TEST_REPORT_DIR: reportDir, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };

const shared = path.resolve(root, '..', 'shared', 'data');
if (!env.ECG_DATA_ROOT && fs.existsSync(shared)) env.ECG_DATA_ROOT = shared;
// each project's tests run in its own folder: a relative data root must not change meaning there
if (env.ECG_DATA_ROOT) env.ECG_DATA_ROOT = path.resolve(env.ECG_DATA_ROOT);
console.log(`data root for tests: ${env.ECG_DATA_ROOT || '(none: tests that need the full data sets are skipped)'}`);

function run(args) {
  const r = spawnSync(nx, args, { cwd: root, env, stdio: 'inherit' });
  return r.status === 0;
}

const typecheckOk = run(['run-many', '-t', 'typecheck', '--outputStyle=stream']);
const testsOk = run(['run-many', '-t', 'test', '--outputStyle=stream', '--parallel=1']);

let passed = 0, failed = 0, skipped = 0;
const perProject = [];
for (const f of fs.readdirSync(reportDir).filter((f) => f.endsWith('.json')).sort()) {
  const r = JSON.parse(fs.readFileSync(path.join(reportDir, f), 'utf8'));
  const p = r.numPassedTests, fl = r.numFailedTests, s = r.numPendingTests + (r.numTodoTests || 0);
  passed += p; failed += fl; skipped += s;
  perProject.push(`  ${f.replace(/\.json$/, '').padEnd(12)} ${p} passed, ${fl} failed, ${s} skipped`);
}
fs.rmSync(reportDir, { recursive: true, force: true });
console.log('\nTest summary by project:\n' + perProject.join('\n'));
console.log(`typecheck: ${typecheckOk ? 'ok' : 'FAILED'}`);
if (!testsOk && failed === 0) failed = 1; // a suite that crashed before reporting still fails the run
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(typecheckOk && testsOk && failed === 0 ? 0 : 1);
