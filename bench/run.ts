/**
 * `npm run bench [-- suite...]`: runs the benchmark suites and writes bench/out/latest.json
 * (and a timestamped copy). Speed targets from the issues are checked here, not in tests.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { testDataRoot } from '@efficientecg/datasets';
import type { BenchSuite } from './harness';
import { suites } from './suites';

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const selected: BenchSuite[] = wanted.length ? suites.filter((s) => wanted.includes(s.name)) : suites;
  if (wanted.length && selected.length !== wanted.length) {
    throw new Error(`unknown suite in ${wanted.join(', ')}; known: ${suites.map((s) => s.name).join(', ')}`);
  }
  const dataRoot = testDataRoot();
  const results: Record<string, unknown> = {};
  for (const suite of selected) {
    console.log(`\n== ${suite.name}: ${suite.description}`);
    const t0 = Date.now();
    results[suite.name] = await suite.run({ dataRoot, log: (m) => console.log(`  ${m}`) });
    console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    dataRoot,
    results,
  };
  const outDir = join(__dirname, 'out');
  mkdirSync(outDir, { recursive: true });
  const stamp = report.date.replace(/[:.]/g, '-');
  // latest.json keeps the newest result of every suite, so running one suite does not drop the others.
  const latest = mergeLatest(join(outDir, 'latest.json'), report);
  for (const [name, doc] of [[`bench-${stamp}.json`, report], ['latest.json', latest]] as const) {
    const tmp = join(outDir, `${name}.tmp-${process.pid}`);
    writeFileSync(tmp, JSON.stringify(doc, null, 2) + '\n');
    renameSync(tmp, join(outDir, name));
  }
  console.log(`\nwrote ${join('bench', 'out', 'latest.json')}`);
}

function mergeLatest(file: string, report: { date: string; results: Record<string, unknown> }): unknown {
  let previous: { suites?: Record<string, unknown> } = {};
  try {
    if (existsSync(file)) previous = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // an unreadable latest.json is replaced
  }
  const suitesOut: Record<string, unknown> = { ...(previous.suites ?? {}) };
  for (const [name, metrics] of Object.entries(report.results)) suitesOut[name] = { date: report.date, metrics };
  return { ...report, results: undefined, suites: suitesOut };
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
