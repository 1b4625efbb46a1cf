import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readWfdbAnnotations, readWfdbRecord, isBeatSymbol } from '@efficientecg/datasets';
import { detectRPeaks, evaluateRecord, pooledScores, rPeakDetectors } from '@efficientecg/signal';
import { timeBest, type BenchSuite } from '../harness';

export const suite: BenchSuite = {
  name: 'signal-rpeaks',
  description: 'R-peak detection over all 48 MIT-BIH records, lead 0 (31.2 M samples): target < 3 s per method on one core; pooled EC57 Se/+P',
  async run({ dataRoot, log }) {
    if (!dataRoot) return { skipped: 'no data root' };
    const dir = join(dataRoot, 'mitdb');
    const names = readdirSync(dir).filter((f) => f.endsWith('.hea')).map((f) => f.slice(0, -4)).sort();
    const records = names.map((name) => {
      const rec = readWfdbRecord(join(dir, name), { channels: [0], verify: 'skip' });
      return { name, fs: rec.fs, signal: rec.signals[0], annotations: readWfdbAnnotations(join(dir, name)).annotations };
    });
    const samples = records.reduce((n, r) => n + r.signal.length, 0);
    const methods: Record<string, unknown> = {};
    for (const { name: method } of rPeakDetectors()) {
      const peaks: Int32Array[] = [];
      const ms = await timeBest(() => {
        peaks.length = 0;
        for (const r of records) peaks.push(detectRPeaks(r.signal, r.fs, { method }));
      }, 3);
      // CPU time of one more pass: wall-clock figures swell when the machine is shared
      const cpu0 = process.cpuUsage();
      for (const r of records) detectRPeaks(r.signal, r.fs, { method });
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const pooled = pooledScores(records.map((r, i) => evaluateRecord(r.name, r.annotations, isBeatSymbol, peaks[i], r.fs)));
      const mSamplesPerS = samples / 1e6 / (ms / 1000);
      log(`${method}: ${ms.toFixed(0)} ms (${mSamplesPerS.toFixed(1)} Msamples/s; CPU ${cpuMs.toFixed(0)} ms), Se ${pooled.se.toFixed(3)} %, +P ${pooled.ppv.toFixed(3)} %`);
      methods[method] = { ms, cpuMs, mSamplesPerS, meetsTarget: ms < 3000, se: pooled.se, ppv: pooled.ppv, f1: pooled.f1, tp: pooled.tp, fp: pooled.fp, fn: pooled.fn };
    }
    return { records: records.length, mSamples: samples / 1e6, targetMs: 3000, methods };
  },
};
