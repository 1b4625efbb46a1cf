import * as tf from '@tensorflow/tfjs';
import { ModelError } from '../common';
import { createEfficientNet1D } from '../efficientnet1d/model';
import { efficientNet1DVariantConfig } from '../efficientnet1d/variants';
import { createCrossAttentionFusion, type CrossAttentionFusion } from '../fusion/cross-attention-fusion';
import { createLstmAutoencoder, freezeEncoder, type LstmAutoencoder } from '../lstm-ae/model';
import { logicalInputName } from '../training/array-source';
import type { EfficientECGConfig } from './config';
import { DEFAULT_EFFICIENTECG_CONFIG, EFFICIENTECG_INPUTS } from './defaults';

export interface EfficientECG {
  model: tf.LayersModel;
  config: EfficientECGConfig;
  /** The signal branch (nested in `model`): [inputLength, leads] -> feature map [T', C]. */
  backbone: tf.LayersModel;
  /** The LSTM-AE whose encoder is nested in `model` (pretrain it with pretrainLstmAutoencoder); null without lstmAE. */
  lstmAutoencoder: LstmAutoencoder | null;
  fusion: CrossAttentionFusion | null;
  /** The model's inputs in order, by their logical names (EFFICIENTECG_INPUTS; what an example source provides). */
  inputNames: string[];
}

export function resolveEfficientECGConfig(partial: Partial<EfficientECGConfig> = {}): EfficientECGConfig {
  const c: EfficientECGConfig = {
    ...DEFAULT_EFFICIENTECG_CONFIG,
    ...partial,
    backbone: { ...DEFAULT_EFFICIENTECG_CONFIG.backbone, ...partial.backbone },
    lstmAEConfig: { ...DEFAULT_EFFICIENTECG_CONFIG.lstmAEConfig, ...partial.lstmAEConfig },
    fusionConfig: { ...DEFAULT_EFFICIENTECG_CONFIG.fusionConfig, ...partial.fusionConfig },
  };
  const bad = (key: string, detail: string) => new ModelError('BAD_CONFIG', `EfficientECGConfig.${key}`, detail);
  for (const key of ['rrFeatures', 'rrUnits'] as const) if (!Number.isInteger(c[key]) || c[key] < 0) throw bad(key, `must be a non-negative integer, got ${c[key]}`);
  for (const key of ['inputLength', 'leads', 'classes'] as const) if (!Number.isInteger(c[key]) || c[key] < 1) throw bad(key, `must be a positive integer, got ${c[key]}`);
  if (c.task === 'single-label' && c.classes < 2) throw bad('classes', 'a softmax head needs at least 2 classes');
  if (c.task !== 'single-label' && c.task !== 'multi-label') throw bad('task', `must be 'single-label' or 'multi-label', got ${c.task}`);
  if (!(c.dropout >= 0 && c.dropout < 1)) throw bad('dropout', `must be in [0, 1), got ${c.dropout}`);
  return c;
}

/**
 * Build EfficientECG:
 *
 *   signal [L, leads] -> EfficientNet-1D (no top) -> feature map [T', C] -> global average pool -> [C]
 *   beat_features, beat_mask [S, 8] -> LSTM-AE encoder -> code [codeSize]        (lstmAE)
 *   feature map, age, sex -> cross-attention fusion -> [d]                         (fusion)
 *   rr_features [rrFeatures] -> dense(rrUnits, relu) -> [rrUnits]                   (rrFeatures > 0; an extension)
 *   concat -> dropout -> dense(classes, softmax | sigmoid)
 *
 * Turning a switch off removes its branch and its inputs, so each ablation changes
 * exactly the parameters of that branch (`se` removes the SE layers inside the backbone).
 */
export function createEfficientECG(partial: Partial<EfficientECGConfig> = {}): EfficientECG {
  const c = resolveEfficientECGConfig(partial);
  const backbone = createEfficientNet1D(
    efficientNet1DVariantConfig(c.variant, {
      ...c.backbone,
      inputLength: c.inputLength,
      leads: c.leads,
      se: c.se,
      includeTop: false,
      pooling: 'none',
      seed: c.seed,
      name: `${c.name}_backbone`,
    }),
  );
  const signal = tf.input({ shape: [c.inputLength, c.leads], name: EFFICIENTECG_INPUTS.signal });
  const featureMap = backbone.apply(signal) as tf.SymbolicTensor;
  const parts: tf.SymbolicTensor[] = [tf.layers.globalAveragePooling1d({ name: `${c.name}_signal_pool` }).apply(featureMap) as tf.SymbolicTensor];
  const inputs: tf.SymbolicTensor[] = [signal];

  let lstmAutoencoder: LstmAutoencoder | null = null;
  if (c.lstmAE) {
    lstmAutoencoder = createLstmAutoencoder({ ...c.lstmAEConfig, seed: c.seed + 1000, name: `${c.name}_lstm_ae` });
    const { seqLen, nFeatures } = lstmAutoencoder.config;
    const values = tf.input({ shape: [seqLen, nFeatures], name: EFFICIENTECG_INPUTS.beatFeatures });
    const mask = tf.input({ shape: [seqLen, nFeatures], name: EFFICIENTECG_INPUTS.beatMask });
    freezeEncoder(lstmAutoencoder.encoder, !c.lstmAEFineTune);
    parts.push(lstmAutoencoder.encoder.apply([values, mask]) as tf.SymbolicTensor);
    inputs.push(values, mask);
  }

  let fusion: CrossAttentionFusion | null = null;
  if (c.fusion) {
    fusion = createCrossAttentionFusion({ ...c.fusionConfig, seed: c.seed + 2000, name: `${c.name}_fusion` });
    const ageWidth = fusion.config.ageEncoding === 'bins' ? 1 : 2;
    const age = tf.input({ shape: [ageWidth], name: EFFICIENTECG_INPUTS.age });
    const sex = tf.input({ shape: [1], name: EFFICIENTECG_INPUTS.sex });
    parts.push(fusion.apply({ ecgFeatureMap: featureMap, age, sex }));
    inputs.push(age, sex);
  }

  if (c.rrFeatures > 0) {
    const rr = tf.input({ shape: [c.rrFeatures], name: EFFICIENTECG_INPUTS.rrFeatures });
    const dense = tf.layers.dense({ units: c.rrUnits, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: c.seed + 4000 }), name: `${c.name}_rr_dense` });
    parts.push(dense.apply(rr) as tf.SymbolicTensor);
    inputs.push(rr);
  }

  let x = parts.length > 1 ? (tf.layers.concatenate({ name: `${c.name}_combine` }).apply(parts) as tf.SymbolicTensor) : parts[0];
  if (c.dropout > 0) x = tf.layers.dropout({ rate: c.dropout, name: `${c.name}_dropout` }).apply(x) as tf.SymbolicTensor;
  const output = tf.layers
    .dense({
      units: c.classes,
      activation: c.task === 'single-label' ? 'softmax' : 'sigmoid',
      kernelInitializer: tf.initializers.glorotUniform({ seed: c.seed + 3000 }),
      name: `${c.name}_predictions`,
    })
    .apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs, outputs: output, name: c.name });
  return { model, config: c, backbone, lstmAutoencoder, fusion, inputNames: inputs.map((i) => logicalInputName(i.name)) };
}
