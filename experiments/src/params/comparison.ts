import * as tf from '@tensorflow/tfjs';
import { buildModel, countModelMacs, countParameters, modelRegistry, type ModelSpec } from '@efficientecg/models';

export interface ParamsRow {
  model: string;
  name: string;
  se: boolean | null;
  lstmAE: boolean | null;
  fusion: boolean | null;
  trainable: number;
  total: number;
  /** Multiply-accumulates per input of `inputLength` samples. */
  macs: number;
  citation: string;
}

/** EfficientECG, its three ablations, the plain signal branch and the baselines. */
export const COMPARISON: readonly { label: string; name: string; switches?: Partial<Pick<ModelSpec, 'se' | 'lstmAE' | 'fusion'>> }[] = Object.freeze([
  { label: 'EfficientECG (full)', name: 'efficientecg' },
  { label: 'EfficientECG without SE', name: 'efficientecg', switches: { se: false } },
  { label: 'EfficientECG without LSTM-AE', name: 'efficientecg', switches: { lstmAE: false } },
  { label: 'EfficientECG without fusion', name: 'efficientecg', switches: { fusion: false } },
  { label: 'EfficientNet-1D alone', name: 'efficientnet1d' },
  { label: 'ResNet-34 (Hannun 2019)', name: 'resnet34-hannun' },
  { label: 'SE-ResNet-18', name: 'resnet18-se' },
  { label: 'CNN-LSTM (Oh 2018)', name: 'cnn-lstm' },
  { label: 'ECG transformer', name: 'ecg-transformer' },
]);

/** Parameters and MACs of one model; builds it on the 'cpu' backend (counting needs no speed) and disposes it. */
export async function countModel(label: string, name: string, spec: ModelSpec): Promise<ParamsRow> {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  const built = buildModel(name, spec);
  const p = countParameters(built.model);
  const macs = countModelMacs(built.model).total;
  built.model.dispose();
  const isEcg = name === 'efficientecg';
  return {
    model: label,
    name,
    se: isEcg || name === 'efficientnet1d' ? (spec.se ?? true) : null,
    lstmAE: isEcg ? (spec.lstmAE ?? true) : null,
    fusion: isEcg ? (spec.fusion ?? true) : null,
    trainable: p.trainable,
    total: p.total,
    macs,
    citation: modelRegistry[name].citation,
  };
}

export async function parameterComparison(base: ModelSpec): Promise<ParamsRow[]> {
  const rows: ParamsRow[] = [];
  for (const c of COMPARISON) rows.push(await countModel(c.label, c.name, { ...base, ...c.switches }));
  return rows;
}
