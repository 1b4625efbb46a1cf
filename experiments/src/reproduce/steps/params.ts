import type { Cell } from '../../results/table';
import { parameterComparison } from '../../params/comparison';
import type { ReproductionStep } from '../context';

/** The settings of the comparison tables: MIT-BIH beats and a 10-s 12-lead record at 100 Hz (PTB-XL). */
const SETTINGS = [
  { id: 'params-mitdb-beats', title: 'MIT-BIH beats (256 samples x 2 leads, 5 classes)', inputLength: 256, leads: 2, classes: 5 },
  { id: 'params-ptbxl-12lead', title: 'PTB-XL record (1,000 samples x 12 leads, 2 classes)', inputLength: 1000, leads: 12, classes: 2 },
] as const;

export const paramsStep: ReproductionStep = {
  name: 'params',
  description: 'parameter-count comparison: EfficientECG, its ablations and the baselines (trainable/total parameters, MACs per input)',
  async run() {
    const tables = [];
    for (const s of SETTINGS) {
      const rows = await parameterComparison({ inputLength: s.inputLength, leads: s.leads, classes: s.classes, task: 'single-label', seed: 0, variant: 'lite', se: true, lstmAE: true, fusion: true });
      tables.push({
        id: s.id,
        title: `Parameters and multiply-accumulates: ${s.title}`,
        notes: [
          'EfficientECG uses the EfficientNet-1D "lite" scaling (width 0.5, depth 0.5); MACs per input count convolutions, dense layers, LSTM gates and attention (batch norm, activations and pooling are not counted).',
          'The pretrained LSTM-AE encoder is frozen by default, so its parameters count as non-trainable: removing the LSTM-AE lowers the total, and the trainable count only by its share of the classifier.',
          'Regenerate with `npx ecg params --json` for any input shape.',
        ],
        columns: ['model', 'trainable', 'total', 'MACs per input', 'source'],
        rows: rows.map((r): Cell[] => [r.model, r.trainable, r.total, r.macs, r.citation]),
      });
    }
    return { tables, notes: [] };
  },
};
