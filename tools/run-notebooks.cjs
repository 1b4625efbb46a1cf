#!/usr/bin/env node
/**
 * `npm run notebooks [-- --quick] [-- NAME...]`: execute the notebooks in notebooks/ headless,
 * in order, with Debian's Jupyter (nbclient, the engine of `nbconvert --execute`) and the
 * workspace's tslab kernel; fail on any
 * error output and on any TypeScript diagnostic a cell prints.
 *
 * - Full mode writes each executed notebook back in place (atomically: a temporary file in the
 *   same folder, then a rename) so committed notebooks carry their outputs; figures and tables
 *   go to results/ (results/sample/ on the bundled sample).
 * - Quick mode (--quick or NOTEBOOKS_QUICK=1, for CI) keeps every notebook small and never
 *   touches committed files: executed notebooks and their results go to a temporary folder.
 * - A failing notebook is left as it was; its executed copy is kept for inspection.
 *
 * Options: --quick, --install-kernel (register the kernel for interactive Jupyter and exit),
 * --list, --timeout SECONDS (per cell). Positional NAMEs select notebooks by prefix ("03").
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const NOTEBOOK_DIR = path.join(ROOT, 'notebooks');
const KERNEL_NAME = 'efficientecg';
const KERNEL_SCRIPT = path.join(NOTEBOOK_DIR, 'kernel', 'tslab-kernel.cjs');
const JUPYTER = process.env.ECG_JUPYTER || '/usr/bin/jupyter';
/** Debian's python3 (the one with nbclient; the pyenv python3 on PATH may have no Jupyter). */
const PYTHON = process.env.ECG_JUPYTER_PYTHON || '/usr/bin/python3';

/**
 * Executes one notebook with nbclient (what `jupyter nbconvert --execute` uses) and records
 * every cell's execute_reply status: tslab reports a failed cell (a type error, an internal
 * error) as status "error" without an error output, and aborts the cells queued after it, so
 * the outputs alone do not show every failure. argv: in, out, statuses.json, kernel, timeout, cwd.
 */
const EXECUTE_PY = `
import json, sys
import nbformat
from nbclient import NotebookClient
src, dst, status_file, kernel, timeout, cwd = sys.argv[1:7]
nb = nbformat.read(src, as_version=4)
statuses = {}
def executed(cell, cell_index, execute_reply):
    statuses[cell_index] = execute_reply.get('content', {}).get('status', 'unknown')
client = NotebookClient(nb, kernel_name=kernel, timeout=int(timeout), allow_errors=True, record_timing=False, resources={'metadata': {'path': cwd}})
client.on_cell_executed = executed
try:
    client.execute()
finally:
    nbformat.write(nb, dst)
    with open(status_file, 'w') as f:
        json.dump(statuses, f)
`;
/** A notebook bigger than this carries something it should not (an embedded plotly bundle, raw arrays). */
const MAX_NOTEBOOK_BYTES = 3 * 1024 * 1024;

/** tslab prints TypeScript diagnostics as stream text "LINE:COL - message", not as error outputs. */
const TS_DIAGNOSTIC = /^\d+:\d+ - .+$/m;
/** tslab's own failures (e.g. "unexpected error: ..." from its compiler) are printed, not raised. */
const OTHER_FAILURES = /error TS\d+|UnhandledPromiseRejection|UncaughtException|^unexpected error:/m;

function parseArgs(argv) {
  const o = { quick: process.env.NOTEBOOKS_QUICK === '1', installKernel: false, list: false, timeout: null, names: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--install-kernel') o.installKernel = true;
    else if (a === '--list') o.list = true;
    else if (a === '--timeout') o.timeout = Number(argv[++i]);
    else if (a === '--help' || a === '-h') {
      console.log(fs.readFileSync(__filename, 'utf8').split('*/')[0].replace(/^#!.*\n\/\*\*?/, '').replace(/^ \* ?/gm, ''));
      process.exit(0);
    } else if (a.startsWith('-')) fail(`unknown option ${a} (try --help)`);
    else o.names.push(a);
  }
  if (o.timeout !== null && !(o.timeout > 0)) fail('--timeout needs a number of seconds > 0');
  return o;
}

function fail(message) {
  console.error(`notebooks: ${message}`);
  process.exit(1);
}

function notebooks(names) {
  const all = fs.readdirSync(NOTEBOOK_DIR).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();
  const chosen = names.length ? all.filter((f) => names.some((n) => f.startsWith(n) || f === path.basename(n))) : all;
  if (names.length && chosen.length === 0) fail(`no notebook matches ${names.join(', ')} (have: ${all.join(', ')})`);
  return chosen;
}

/** A kernel spec naming this checkout's kernel script with this Node binary. */
function writeKernelSpec(dir) {
  const kdir = path.join(dir, 'kernels', KERNEL_NAME);
  fs.mkdirSync(kdir, { recursive: true });
  const spec = {
    argv: [process.execPath, KERNEL_SCRIPT, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript (EfficientECG)',
    language: 'typescript',
  };
  fs.writeFileSync(path.join(kdir, 'kernel.json'), JSON.stringify(spec, null, 1) + '\n');
  return kdir;
}

function checkPrerequisites() {
  const probe = spawnSync(PYTHON, ['-c', 'import nbclient, nbformat'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    fail(`${PYTHON} cannot import nbclient. Install Debian's Jupyter once: sudo apt-get install jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel chromium`);
  }
  for (const dep of ['tslab/dist/main.js', '@tslab/typescript-for-tslab', 'tsx/cjs']) {
    try {
      require.resolve(dep, { paths: [ROOT] });
    } catch {
      fail(`${dep} is not installed: run npm ci first`);
    }
  }
}

/**
 * Type-check the notebooks' helper modules with the workspace's TypeScript (tslab checks only
 * the cells). Only errors in notebooks/ fail the run: the libraries are typechecked by
 * `npm run typecheck`, and a library error must not be reported as a notebook problem.
 */
function typecheckHelpers() {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', path.join(NOTEBOOK_DIR, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status === 0) return;
  const errors = `${r.stdout}${r.stderr}`.split('\n').filter((l) => /error TS\d+/.test(l));
  const ours = errors.filter((l) => l.startsWith('notebooks/'));
  if (ours.length) fail(`notebooks/lib does not typecheck:\n${ours.join('\n')}`);
  if (errors.length) console.log(`notebooks: note: ${errors.length} TypeScript error(s) outside notebooks/ while checking notebooks/lib (first: ${errors[0]})`);
}

function textOf(v) {
  return Array.isArray(v) ? v.join('') : String(v ?? '');
}

/** Every problem in an executed notebook: error outputs and diagnostics printed as text. */
function problemsOf(nb, statuses) {
  const problems = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== 'code' || !textOf(cell.source).trim()) return;
    const where = `cell ${i + 1} (${textOf(cell.source).split('\n')[0].slice(0, 70)})`;
    const status = statuses[String(i)];
    const outputs = cell.outputs || [];
    const printed = outputs
      .map((out) =>
        out.output_type === 'error'
          ? `${out.ename || 'Error'}: ${out.evalue || ''}\n${textOf(out.traceback).replace(/\x1b\[[0-9;]*m/g, '')}`
          : out.output_type === 'stream' ? textOf(out.text) : '',
      )
      .join('')
      .trim();
    const failedText = outputs.some((out) => out.output_type === 'error') || TS_DIAGNOSTIC.test(printed) || OTHER_FAILURES.test(printed);
    if (status === 'abort') problems.push(`${where}: not run (the kernel aborted it after an earlier failure)`);
    else if (status === undefined) problems.push(`${where}: never executed`);
    else if (status !== 'ok' || failedText) problems.push(`${where}: ${status !== 'ok' ? `kernel replied "${status}"` : 'failure printed'}${printed ? `:\n${printed.slice(-2000)}` : ''}`);
  });
  return problems;
}

/** Drop what changes on every run without meaning anything (per-cell timestamps). */
function normalize(nb) {
  for (const cell of nb.cells) if (cell.metadata) delete cell.metadata.execution;
  return nb;
}

function runNotebook(file, o, kernelDir, outDir, resultsDir) {
  const src = path.join(NOTEBOOK_DIR, file);
  const stem = file.replace(/\.ipynb$/, '');
  // nbconvert appends .ipynb to --output; the temporary copy lives beside the target so the final rename is atomic.
  const tmpStem = `.${stem}.running-${process.pid}`;
  const tmpDir = o.quick ? outDir : NOTEBOOK_DIR;
  const tmp = path.join(tmpDir, `${tmpStem}.ipynb`);
  const timeout = o.timeout ?? (o.quick ? 600 : 7200);
  const env = {
    ...process.env,
    JUPYTER_PATH: [kernelDir, process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter),
    NOTEBOOKS_QUICK: o.quick ? '1' : '0',
    PYDEVD_DISABLE_FILE_VALIDATION: '1',
  };
  if (resultsDir) env.NOTEBOOKS_RESULTS_DIR = resultsDir;
  else delete env.NOTEBOOKS_RESULTS_DIR;
  const statusFile = path.join(outDir, `${stem}.statuses.json`);
  fs.rmSync(statusFile, { force: true });
  const t0 = Date.now();
  const r = spawnSync(PYTHON, ['-c', EXECUTE_PY, src, tmp, statusFile, KERNEL_NAME, String(timeout), ROOT], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (Date.now() - t0) / 1000;
  const problems = [];
  let bytes = 0;
  if (r.status !== 0) {
    const log = `${r.stderr || ''}${r.stdout || ''}`.split('\n').filter((l) => !/Debugger warning|frozen modules|make the debugger|Xfrozen_modules|PYDEVD_DISABLE/.test(l));
    problems.push(`notebook execution exited with ${r.status ?? r.signal}:\n${log.slice(-40).join('\n')}`);
  }
  if (fs.existsSync(tmp)) {
    const nb = normalize(JSON.parse(fs.readFileSync(tmp, 'utf8')));
    const statuses = fs.existsSync(statusFile) ? JSON.parse(fs.readFileSync(statusFile, 'utf8')) : {};
    problems.push(...problemsOf(nb, statuses));
    const text = JSON.stringify(nb, null, 1) + '\n';
    bytes = Buffer.byteLength(text);
    if (bytes > MAX_NOTEBOOK_BYTES) problems.push(`executed notebook is ${(bytes / 1e6).toFixed(1)} MB (limit ${MAX_NOTEBOOK_BYTES / 1e6} MB): show PNG figures, not embedded plotly or raw arrays`);
    fs.writeFileSync(tmp, text);
  }
  if (problems.length === 0) {
    const target = o.quick ? path.join(outDir, file) : src;
    fs.renameSync(tmp, target);
    return { file, ok: true, seconds, bytes, target };
  }
  const kept = path.join(os.tmpdir(), `notebooks-failed-${process.pid}`, file);
  if (fs.existsSync(tmp)) {
    fs.mkdirSync(path.dirname(kept), { recursive: true });
    fs.copyFileSync(tmp, kept);
    fs.rmSync(tmp, { force: true });
  }
  return { file, ok: false, seconds, bytes, problems, kept: fs.existsSync(kept) ? kept : null };
}

function installKernel(kernelDir) {
  const r = spawnSync(JUPYTER, ['kernelspec', 'install', '--user', '--replace', '--name', KERNEL_NAME, path.join(kernelDir, 'kernels', KERNEL_NAME)], { stdio: 'inherit' });
  if (r.status !== 0) fail('jupyter kernelspec install failed');
  console.log(`kernel "${KERNEL_NAME}" (TypeScript (EfficientECG)) installed for this user; open notebooks/ in Jupyter and pick it`);
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  const files = notebooks(o.names);
  if (o.list) {
    console.log(files.join('\n'));
    return;
  }
  checkPrerequisites();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'efficientecg-notebooks-'));
  const kernelDir = path.join(scratch, 'jupyter');
  writeKernelSpec(kernelDir);
  if (o.installKernel) {
    installKernel(kernelDir);
    fs.rmSync(scratch, { recursive: true, force: true });
    return;
  }
  typecheckHelpers();
  const outDir = path.join(scratch, 'executed');
  const resultsDir = o.quick ? path.join(scratch, 'results') : null;
  fs.mkdirSync(outDir, { recursive: true });
  console.log(`notebooks: ${files.length} to run, ${o.quick ? 'quick mode (outputs in ' + scratch + ', committed notebooks untouched)' : 'full mode (executed notebooks written back in place)'}; data root ${process.env.ECG_DATA_ROOT || '(not set: ./data or the bundled sample)'}`);
  const t0 = Date.now();
  const results = [];
  for (const file of files) {
    process.stdout.write(`  ${file} ... `);
    const res = runNotebook(file, o, kernelDir, outDir, resultsDir);
    results.push(res);
    console.log(res.ok ? `ok ${res.seconds.toFixed(1)} s, ${(res.bytes / 1024).toFixed(0)} KB` : `FAILED after ${res.seconds.toFixed(1)} s`);
    if (!res.ok) {
      for (const p of res.problems) console.log(p.replace(/^/gm, '      '));
      if (res.kept) console.log(`      executed copy kept at ${res.kept}`);
    }
  }
  const failed = results.filter((r) => !r.ok);
  console.log(`notebooks: ${results.length - failed.length} passed, ${failed.length} failed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (!o.quick || failed.length === 0) fs.rmSync(path.join(scratch, 'jupyter'), { recursive: true, force: true });
  if (!o.quick) fs.rmSync(scratch, { recursive: true, force: true });
  process.exit(failed.length ? 1 : 0);
}

main();
