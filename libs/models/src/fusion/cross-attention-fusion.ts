import * as tf from '@tensorflow/tfjs';
import { ModelError } from '../common';
import { AgeScalarToken } from './age-scalar-token';
import { CategoricalEmbedding } from './categorical-embedding';
import { type CrossAttentionFusionConfig, resolveCrossAttentionFusionConfig } from './config';
import { MultiHeadAttention } from './multi-head-attention';
import { AGE_BIN_COUNT, SEX_COUNT } from './patient-encoding';
import { tfjsSeed } from '../common/tfjs-seed';

export interface FusionInputs {
  /** Backbone's last feature map [B, T, C]. */
  ecgFeatureMap: tf.SymbolicTensor;
  /** [B, 1] age-bin index (ageEncoding 'bins') or [B, 2] (normalised age, known) ('scalar'). */
  age: tf.SymbolicTensor;
  /** [B, 1] sex index (encodeSex: 0 M, 1 F, 2 unknown). */
  sex: tf.SymbolicTensor;
  /** Optional [B, T] mask of valid ECG time steps (used as the key mask when queryFrom = 'patient'). */
  ecgMask?: tf.SymbolicTensor;
}

export interface CrossAttentionFusion {
  config: CrossAttentionFusionConfig;
  /** Wires the fusion into a functional graph and returns the fused vector [B, d]. */
  apply(inputs: FusionInputs): tf.SymbolicTensor;
  /** tf.input()s for age and sex with the shapes apply() expects. */
  createPatientInputs(): { age: tf.SymbolicTensor; sex: tf.SymbolicTensor };
  /** The attention layer (for attentionWeightsOf / inspection). */
  attention: MultiHeadAttention;
}

/**
 * Cross-attention fusion (EfficientECG's multi-feature fusion):
 *
 *   ECG tokens     = Dense(d)(ecgFeatureMap)                      [B, T, d]
 *   patient tokens = [ageEmbedding(age), sexEmbedding(sex)]       [B, 2, d]
 *   queryFrom 'ecg':     x = LayerNorm(ecg + MHA(ecg -> patient))      [B, T, d]
 *   queryFrom 'patient': x = LayerNorm(patient + MHA(patient -> ecg))  [B, 2, d]
 *   fused = pool_tokens(x)                                         [B, d]
 *
 * Age bins and sex use CategoricalEmbedding (one-hot x table: trainable on the wasm backend).
 * Missing age or sex use their own "unknown" embedding rows (encodeAge / encodeSex), so every
 * sample has both patient tokens and no key mask is needed on the patient side.
 * The layers are created once: apply() may be called on several graphs, they share weights.
 */
export function createCrossAttentionFusion(partial: Partial<CrossAttentionFusionConfig> = {}): CrossAttentionFusion {
  const config = resolveCrossAttentionFusionConfig(partial);
  const { d, name } = config;
  let nextSeed = config.seed;
  const seed = (count = 1): number | undefined => {
    if (nextSeed === null) return undefined;
    const s = nextSeed;
    nextSeed += count;
    return s;
  };

  const ecgProjection = tf.layers.dense({ units: d, kernelInitializer: tf.initializers.glorotUniform({ seed: tfjsSeed(seed()) }), name: `${name}_ecg_projection` });
  const ageToken =
    config.ageEncoding === 'bins'
      ? new CategoricalEmbedding({ inputDim: AGE_BIN_COUNT, outputDim: d, seed: seed(), name: `${name}_age_embedding` })
      : new AgeScalarToken({ units: d, seed: seed(3), name: `${name}_age_token` });
  const sexToken = new CategoricalEmbedding({ inputDim: SEX_COUNT, outputDim: d, seed: seed(), name: `${name}_sex_embedding` });
  const patientTokens = tf.layers.concatenate({ axis: 1, name: `${name}_patient_tokens` });
  const attention = new MultiHeadAttention({ numHeads: config.heads, keyDim: d / config.heads, outputDim: d, seed: seed(4), name: `${name}_attention` });
  const residual = tf.layers.add({ name: `${name}_residual` });
  const norm = tf.layers.layerNormalization({ epsilon: config.layerNormEpsilon, name: `${name}_layer_norm` });
  const pool =
    config.pooling === 'mean'
      ? tf.layers.globalAveragePooling1d({ name: `${name}_pool` })
      : tf.layers.globalMaxPooling1d({ name: `${name}_pool` });

  const apply = (inputs: FusionInputs): tf.SymbolicTensor => {
    const fm = inputs.ecgFeatureMap.shape;
    if (fm.length !== 3) throw new ModelError('BAD_CONFIG', `${name}.apply(ecgFeatureMap)`, `must be [batch, time, channels], got [${fm}]`);
    const ageWidth = config.ageEncoding === 'bins' ? 1 : 2;
    if (inputs.age.shape.length !== 2 || inputs.age.shape[1] !== ageWidth) {
      throw new ModelError('BAD_CONFIG', `${name}.apply(age)`, `ageEncoding '${config.ageEncoding}' takes [batch, ${ageWidth}], got [${inputs.age.shape}]`);
    }
    if (inputs.sex.shape.length !== 2 || inputs.sex.shape[1] !== 1) throw new ModelError('BAD_CONFIG', `${name}.apply(sex)`, `must be [batch, 1], got [${inputs.sex.shape}]`);

    const ecg = ecgProjection.apply(inputs.ecgFeatureMap) as tf.SymbolicTensor;
    const patient = patientTokens.apply([ageToken.apply(inputs.age) as tf.SymbolicTensor, sexToken.apply(inputs.sex) as tf.SymbolicTensor]) as tf.SymbolicTensor;
    let query: tf.SymbolicTensor;
    let attended: tf.SymbolicTensor;
    if (config.queryFrom === 'ecg') {
      query = ecg;
      attended = attention.apply([ecg, patient]) as tf.SymbolicTensor;
    } else {
      query = patient;
      attended = attention.apply(inputs.ecgMask ? [patient, ecg, inputs.ecgMask] : [patient, ecg]) as tf.SymbolicTensor;
    }
    const normed = norm.apply(residual.apply([query, attended])) as tf.SymbolicTensor;
    return pool.apply(normed) as tf.SymbolicTensor;
  };

  const createPatientInputs = () => ({
    age: tf.input({ shape: [config.ageEncoding === 'bins' ? 1 : 2], name: `${name}_age` }),
    sex: tf.input({ shape: [1], name: `${name}_sex` }),
  });

  return { config, apply, createPatientInputs, attention };
}

/**
 * A standalone fusion model: inputs [ecgFeatureMap [T, C], age, sex] -> fused [d]. For tests,
 * parameter counts and notebooks; a classifier calls createCrossAttentionFusion().apply instead.
 */
export function buildFusionModel(partial: Partial<CrossAttentionFusionConfig>, shape: { timeSteps: number | null; channels: number }): tf.LayersModel {
  const fusion = createCrossAttentionFusion(partial);
  const ecgFeatureMap = tf.input({ shape: [shape.timeSteps, shape.channels], name: `${fusion.config.name}_ecg_feature_map` });
  const { age, sex } = fusion.createPatientInputs();
  return tf.model({ inputs: [ecgFeatureMap, age, sex], outputs: fusion.apply({ ecgFeatureMap, age, sex }), name: `${fusion.config.name}_model` });
}

/**
 * Attention weights [B, heads, Tq, Tk] of a model's MultiHeadAttention layer for the given model
 * inputs: runs the model up to the layer's inputs, then MultiHeadAttention.attentionWeights.
 * Works on loaded models too. The layer must sit at the top level of `model` and be applied once.
 */
export function attentionWeightsOf(model: tf.LayersModel, inputs: tf.Tensor | tf.Tensor[], layerName?: string): tf.Tensor4D {
  const candidates = model.layers.filter((l): l is MultiHeadAttention => l instanceof MultiHeadAttention && (layerName === undefined || l.name === layerName));
  if (candidates.length !== 1) {
    throw new ModelError('BAD_CONFIG', 'attentionWeightsOf', `expected one MultiHeadAttention layer${layerName ? ` named ${layerName}` : ''} at the top level of ${model.name}, found ${candidates.length}; pass layerName`);
  }
  const layer = candidates[0];
  const layerInputs = layer.input as tf.SymbolicTensor[];
  const probe = tf.model({ inputs: model.inputs, outputs: layerInputs });
  const values = probe.predict(inputs) as tf.Tensor[];
  try {
    return layer.attentionWeights(values[0], values[1], values[2] ?? null);
  } finally {
    tf.dispose(values);
  }
}
