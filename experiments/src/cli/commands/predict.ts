import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EcgDataError } from '@efficientecg/datasets';
import { initBackend } from '@efficientecg/models';
import { exportPredictor, loadPredictor, predictBeats, predictRecord, PRETRAINED, pretrainedDir } from '../../predict';
import { emit } from '../output';

export function register(program: Command): void {
  program
    .command('predict')
    .description('classify records (record models) or every beat of a record (beat models) with a pretrained or exported model')
    .requiredOption('--model <nameOrDir>', `${PRETRAINED.join(', ')} or a folder written by ecg export`)
    .argument('<records...>', 'records as WFDB tools name them (path without extension), or .hea/.mat/.txt paths')
    .option('--beats <source>', "beat models: 'detect' (R peaks found by the default detector) or 'atr' (reference annotations beside the record)", 'detect')
    .option('--backend <name>', 'tfjs backend: auto, tensorflow-gpu, tensorflow, wasm, cpu')
    .option('--json', 'print JSON lines: {record, label, probs} per record, or {sample, label, probs} per beat')
    .action(async (records: string[], opts: { model: string; beats: string; backend?: string; json?: boolean }) => {
      if (opts.beats !== 'detect' && opts.beats !== 'atr') throw new EcgDataError('BAD_ARGUMENT', 'ecg predict --beats', `expected detect or atr, got "${opts.beats}"`);
      await initBackend({ backend: opts.backend });
      const p = await loadPredictor(opts.model);
      for (const r of records) {
        if (p.meta.kind === 'record') {
          const out = await predictRecord(p, r);
          if (opts.json) process.stdout.write(JSON.stringify({ record: out.record, label: out.label, probs: out.probs }) + '\n');
          else process.stdout.write(`${out.record}  ${out.label}  ${Object.entries(out.probs).map(([c, v]) => `${c}=${v.toFixed(3)}`).join(' ')}  (${out.windows} windows)\n`);
        } else {
          const out = await predictBeats(p, r, { beats: opts.beats as 'detect' | 'atr' });
          if (opts.json) for (const b of out.beats) process.stdout.write(JSON.stringify({ record: out.record, sample: b.sample, label: b.label, probs: b.probs }) + '\n');
          else {
            const counts: Record<string, number> = {};
            for (const b of out.beats) counts[b.label] = (counts[b.label] ?? 0) + 1;
            process.stdout.write(`${out.record}: ${out.beats.length} beats (${opts.beats === 'atr' ? 'reference annotations' : 'detected'}): ${Object.entries(counts).map(([c, n]) => `${c} ${n}`).join(', ')}\n`);
          }
        }
      }
    });

  program
    .command('export')
    .description("copy a run's best model into a predictor folder with its preprocessing metadata and model card")
    .requiredOption('--run <dirs...>', 'run folder (runs/<experiment>/<variant>/seed-<n>); several runs of one variant that share a test set make a seed ensemble')
    .requiredOption('--name <name>', `name of the predictor (pretrained/<name>/ unless --to is given; ${PRETRAINED.join(', ')} are the committed ones)`)
    .option('--to <dir>', 'output folder')
    .option('--json', 'print JSON')
    .action(async (opts: { run: string[]; name: string; to?: string; json?: boolean }) => {
      await initBackend({ backend: 'cpu' });
      const to = opts.to ? resolve(opts.to) : pretrainedDir(opts.name);
      const meta = await exportPredictor(opts.run.map((d) => resolve(d)), to, opts.name);
      emit(opts, { to, predictor: meta }, () => `wrote ${to} (${meta.kind} classifier: ${meta.classNames.join(', ')}${meta.seeds ? `; a seed ensemble of seeds ${meta.seeds.join(', ')}` : ''})`);
    });
}
