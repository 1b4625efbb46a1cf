import { resolve } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { EcgDataError, defaultDownloadRoot, downloadableDatasets, downloadDataset, type DownloadEvent, type DownloadSummary } from '@efficientecg/datasets';
import { emit } from '../output';

interface DownloadCliOptions {
  to?: string;
  baseUrl?: string;
  records?: string;
  concurrency?: string;
  json?: boolean;
}

/** Progress on stderr: a bar (files and bytes) on a terminal, one line per file otherwise (logs, CI). */
function progressReporter(json: boolean): { onEvent: (e: DownloadEvent) => void; stop: () => void } {
  if (process.stderr.isTTY && !json) {
    const bar = new SingleBar(
      { format: '{bar} {value}/{total} files | {mb} MB fetched | {file}', stream: process.stderr, hideCursor: true, clearOnComplete: false },
      Presets.shades_classic,
    );
    let started = false;
    let bytes = 0;
    // Ctrl-C: give the terminal its cursor back; the .part files stay for the next run to resume
    const interrupted = () => {
      if (started) bar.stop();
      process.stderr.write('ecg: download interrupted; run the same command again to resume\n');
      process.exit(130);
    };
    process.once('SIGINT', interrupted);
    const mb = () => (bytes / 1e6).toFixed(1);
    return {
      onEvent(e) {
        if (e.type === 'plan') {
          bar.start(e.files, 0, { file: '', mb: mb() });
          started = true;
        } else if (e.type === 'bytes') {
          bytes += e.chunk;
          bar.update({ file: e.name, mb: mb() });
        } else if (e.status !== 'fetching') bar.increment(1, { file: e.name, mb: mb() });
      },
      stop() {
        if (started) bar.stop();
        started = false;
        process.off('SIGINT', interrupted);
      },
    };
  }
  return {
    onEvent(e) {
      if (e.type === 'file' && e.status !== 'fetching') process.stderr.write(`[${e.index + 1}/${e.count}] ${e.name} ${e.status === 'done' ? 'fetched' : 'already present'}\n`);
    },
    stop: () => undefined,
  };
}

function humanSummary(s: DownloadSummary): string {
  return [
    `${s.dataset}: ${s.records} records, ${s.files} files in ${s.dir}`,
    `fetched ${s.fetched} (${(s.bytesFetched / 1e6).toFixed(1)} MB), skipped ${s.skipped} already present, ${s.verified} verified against SHA256SUMS`,
    s.unverified.length ? `${s.unverified.length} files have no published checksum (kept unverified)` : '',
    `time ${s.seconds.toFixed(1)} s`,
  ].filter(Boolean).join('\n');
}

function parseConcurrency(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new EcgDataError('BAD_ARGUMENT', '--concurrency', `expected an integer 1..64, got ${text}`);
  return n;
}

export function register(program: Command): void {
  program
    .command('download')
    .description(`fetch a data set from PhysioNet (${Object.keys(downloadableDatasets).join(', ')}): resumable, verified against SHA256SUMS, written atomically`)
    .argument('<dataset>', Object.entries(downloadableDatasets).map(([k, v]) => `${k}: ${v.description}`).join('; '))
    .option('--to <dir>', 'data root to write into (default: --data-root, else ./data)')
    .option('--base-url <url>', 'PhysioNet project URL or a mirror of it')
    .option('--records <names>', 'only these records, comma-separated (e.g. 100,101)')
    .option('--concurrency <n>', 'files transferred at once', '4')
    .option('--json', 'print the summary as JSON')
    .action(async (dataset: string, opts: DownloadCliOptions, cmd: Command) => {
      const to = resolve(opts.to ?? (cmd.optsWithGlobals().dataRoot as string | undefined) ?? defaultDownloadRoot());
      const progress = progressReporter(Boolean(opts.json));
      try {
        const summary = await downloadDataset(dataset, {
          to,
          baseUrl: opts.baseUrl,
          records: opts.records?.split(',').map((r) => r.trim()).filter(Boolean),
          concurrency: parseConcurrency(opts.concurrency),
          onEvent: progress.onEvent,
        });
        progress.stop();
        emit(opts, summary, () => humanSummary(summary));
      } finally {
        progress.stop();
      }
    });
}
