import type { Command } from 'commander';
import { EcgDataError } from '@efficientecg/datasets';
import { modelRegistry, type ModelSpec } from '@efficientecg/models';
import { countModel, parameterComparison, type ParamsRow } from '../../params/comparison';
import { emit, formatTable } from '../output';

interface ParamsCliOptions {
  model?: string;
  se: boolean;
  lstmAe: boolean;
  fusion: boolean;
  leads: string;
  classes: string;
  length: string;
  variant: string;
  json?: boolean;
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new EcgDataError('BAD_ARGUMENT', `ecg params ${flag}`, `must be a positive integer, got "${value}"`);
  return n;
}

const millions = (n: number) => (n / 1e6).toFixed(3);

export function register(program: Command): void {
  program
    .command('params')
    .description('trainable and total parameters and multiply-accumulates per input; without --model, the comparison table')
    .option('--model <name>', `one model (${Object.keys(modelRegistry).join(', ')})`)
    .option('--no-se', 'EfficientECG / EfficientNet-1D without squeeze-and-excitation')
    .option('--no-lstm-ae', 'EfficientECG without the LSTM-AE beat-feature branch')
    .option('--no-fusion', 'EfficientECG without age/sex cross-attention')
    .option('--leads <n>', 'input leads', '2')
    .option('--classes <k>', 'output classes', '5')
    .option('--length <samples>', 'input length the MACs are counted for', '256')
    .option('--variant <name>', 'EfficientNet-1D scaling of the signal branch (b0, lite, ...)', 'lite')
    .option('--json', 'print JSON')
    .action(async (opts: ParamsCliOptions) => {
      const spec: ModelSpec = {
        inputLength: positiveInt(opts.length, '--length'),
        leads: positiveInt(opts.leads, '--leads'),
        classes: positiveInt(opts.classes, '--classes'),
        task: 'single-label',
        seed: 0,
        variant: opts.variant as ModelSpec['variant'],
        se: opts.se,
        lstmAE: opts.lstmAe,
        fusion: opts.fusion,
      };
      if (opts.model && !modelRegistry[opts.model]) {
        throw new EcgDataError('BAD_ARGUMENT', 'ecg params --model', `unknown model "${opts.model}"; known: ${Object.keys(modelRegistry).join(', ')}`);
      }
      const rows: ParamsRow[] = opts.model ? [await countModel(opts.model, opts.model, spec)] : await parameterComparison({ ...spec, se: true, lstmAE: true, fusion: true });
      const input = { length: spec.inputLength, leads: spec.leads, classes: spec.classes, variant: spec.variant };
      emit(opts, { input, models: rows }, () =>
        [
          `input: ${spec.inputLength} samples x ${spec.leads} leads, ${spec.classes} classes (EfficientNet-1D ${spec.variant})`,
          formatTable(
            ['model', 'trainable (M)', 'total (M)', 'MMACs / input'],
            rows.map((r) => [r.model, millions(r.trainable), millions(r.total), (r.macs / 1e6).toFixed(1)]),
          ),
        ].join('\n'),
      );
    });
}
