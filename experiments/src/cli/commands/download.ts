import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { defaultDownloadRoot, downloadableDatasets, downloadDataset, type DownloadEvent, type DownloadSummary } from '@efficientecg/datasets';
import { emit } from '../output';

interface DownloadCliOptions {
  to?: string;
  baseUrl?: string;
  records?: string;
  json?: boolean;
}

/** Progress on stderr: a bar on a terminal, one line per file otherwise (logs, CI). */
function progressReporter(json: boolean): { onEvent: (e: DownloadEvent) => void; stop: () => void } {
  if (process.stderr.isTTY && !json) {
    const bar = new SingleBar({ format: '{bar} {value}/{total} files | {file} {mb} MB', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
    let started = false;
    return {
      onEvent(e) {
        if (e.type === 'plan') (bar.start(e.files, 0, { file: '', mb: '0.0' }), (started = true));
        else if (e.type === 'bytes') bar.update({ file: e.name, mb: (e.received / 1e6).toFixed(1) });
        else if (e.status !== 'fetching') bar.increment(1, { file: e.name });
      },
      stop() {
        if (started) (started = false), bar.stop();
      },
    };
  }
  return {
    onEvent(e) {
      if (e.type === 'file' && e.status !== 'fetching') process.stderr.write(`[${e.index + 1}/${e.count}] ${e.name} ${e.status}\n`);
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

export function register(program: Command): void {
  program
    .command('download')
    .description(`fetch a data set from PhysioNet (${Object.keys(downloadableDatasets).join(', ')}): resumable, verified against SHA256SUMS, written atomically`)
    .argument('<dataset>', Object.entries(downloadableDatasets).map(([k, v]) => `${k}: ${v.description}`).join('; '))
    .option('--to <dir>', 'data root to write into (default: --data-root, else ./data)')
    .option('--base-url <url>', 'PhysioNet project URL or a mirror of it')
    .option('--records <names>', 'only these records, comma-separated (e.g. 100,101)')
    .option('--json', 'print the summary as JSON')
    .action(async (dataset: string, opts: DownloadCliOptions, cmd: Command) => {
      const to = opts.to ?? (cmd.optsWithGlobals().dataRoot as string | undefined) ?? defaultDownloadRoot();
      const progress = progressReporter(Boolean(opts.json));
      try {
        const summary = await downloadDataset(dataset, {
          to,
          baseUrl: opts.baseUrl,
          records: opts.records?.split(',').map((r) => r.trim()).filter(Boolean),
          onEvent: progress.onEvent,
        });
        progress.stop();
        emit(opts, summary, () => humanSummary(summary));
      } finally {
        progress.stop();
      }
    });
}
