import * as tf from '@tensorflow/tfjs';
import { ConfigChecks, withDefaults } from '../shared/checks';
import { applyLayer, CLASSIFIER_ACTIVATIONS, poolAndClassify } from '../shared/head';
import { baselineInitializers } from '../shared/initializers';
import type { EcgTransformerConfig } from './config';
import { DEFAULT_ECG_TRANSFORMER_CONFIG } from './defaults';
import { TransformerPositionEmbedding } from './position-embedding';
import { TransformerSelfAttention } from './self-attention';

/**
 * Vaswani A., Shazeer N., Parmar N., Uszkoreit J., Jones L., Gomez A.N., Kaiser L., Polosukhin I.
 * (2017). Attention is all you need. NeurIPS.
 * Natarajan A., Chang Y., Mariani S., Rahman A., Boverman G., Vij S., Rubin J. (2020). A wide and
 * deep transformer neural network for 12-lead ECG classification. Computing in Cardiology 2020.
 */

const checks = new ConfigChecks('EcgTransformerConfig');

export function resolveEcgTransformerConfig(config: Partial<EcgTransformerConfig> = {}): Readonly<EcgTransformerConfig> {
  const c = withDefaults(DEFAULT_ECG_TRANSFORMER_CONFIG, config);
  for (const f of ['inputLength', 'leads', 'patchSize', 'modelDim', 'numHeads', 'mlpDim', 'classes'] as const) {
    checks.positiveInteger(c[f], f);
  }
  checks.nonNegativeInteger(c.numLayers, 'numLayers');
  if (c.modelDim % c.numHeads !== 0) checks.fail('numHeads', `modelDim ${c.modelDim} is not divisible by ${c.numHeads} heads`);
  checks.oneOf(c.mlpActivation, ['relu', 'gelu'], 'mlpActivation');
  checks.rate(c.dropoutRate, 'dropoutRate');
  if (!(c.layerNormEpsilon > 0)) checks.fail('layerNormEpsilon', `${c.layerNormEpsilon} must be > 0`);
  checks.oneOf(c.classifierActivation, CLASSIFIER_ACTIVATIONS, 'classifierActivation');
  checks.seed(c.seed);
  return Object.freeze(c);
}

/** Tokens the patch embedding produces: ceil(inputLength / patchSize) ('same' padding). */
export const ecgTransformerTokens = (c: Pick<EcgTransformerConfig, 'inputLength' | 'patchSize'>): number =>
  Math.ceil(c.inputLength / c.patchSize);

/**
 * Builds the transformer as a functional tf.LayersModel, input [inputLength, leads]:
 *
 *   patch_embed: conv1d(d, kernel = stride = patchSize) -> [T = ceil(L / patch), d] tokens
 *   + learned position embedding -> dropout
 *   N x post-norm encoder layer (Vaswani et al.; PyTorch's TransformerEncoderLayer default,
 *   which Natarajan et al. used):
 *     x = LayerNorm(x + Dropout(SelfAttention_h(x)))
 *     x = LayerNorm(x + Dropout(Dense_d(act(Dense_mlp(x)))))
 *   global average pooling over tokens -> dropout -> dense
 *
 * Natarajan et al.: conv embedding, 8 layers, d = 256, 16 heads, then concatenation with
 * hand-crafted features ("wide" part). Here: small (d 64, 2 layers, 4 heads), no wide features,
 * a single strided conv as tokeniser, mean pooling instead of a class token.
 */
export function createEcgTransformer(config: Partial<EcgTransformerConfig> = {}): tf.LayersModel {
  const c = resolveEcgTransformerConfig(config);
  const init = baselineInitializers(c.seed);
  const input = tf.input({ shape: [c.inputLength, c.leads], name: 'input' });
  let x = applyLayer(
    tf.layers.conv1d({
      filters: c.modelDim,
      kernelSize: c.patchSize,
      strides: c.patchSize,
      padding: 'same',
      kernelInitializer: init.glorotUniform(),
      name: 'patch_embed',
    }),
    input,
  );
  x = applyLayer(new TransformerPositionEmbedding({ seed: init.take(1) ?? null, name: 'position_embedding' }), x);
  const dropout = (name: string, y: tf.SymbolicTensor) =>
    c.dropoutRate > 0 ? applyLayer(tf.layers.dropout({ rate: c.dropoutRate, name }), y) : y;
  const norm = (name: string) => tf.layers.layerNormalization({ axis: -1, epsilon: c.layerNormEpsilon, name });
  x = dropout('embed_dropout', x);

  for (let i = 0; i < c.numLayers; i++) {
    const p = `encoder${i + 1}`;
    let y = applyLayer(new TransformerSelfAttention({ numHeads: c.numHeads, seed: init.take(4) ?? null, name: `${p}_attention` }), x);
    y = dropout(`${p}_attention_dropout`, y);
    x = applyLayer(tf.layers.add({ name: `${p}_attention_add` }), [x, y]);
    x = applyLayer(norm(`${p}_attention_norm`), x);

    y = applyLayer(
      tf.layers.dense({ units: c.mlpDim, activation: c.mlpActivation, kernelInitializer: init.glorotUniform(), name: `${p}_mlp_dense1` }),
      x,
    );
    y = applyLayer(tf.layers.dense({ units: c.modelDim, kernelInitializer: init.glorotUniform(), name: `${p}_mlp_dense2` }), y);
    y = dropout(`${p}_mlp_dropout`, y);
    x = applyLayer(tf.layers.add({ name: `${p}_mlp_add` }), [x, y]);
    x = applyLayer(norm(`${p}_mlp_norm`), x);
  }
  const output = poolAndClassify(x, {
    classes: c.classes,
    activation: c.classifierActivation,
    dropoutRate: c.dropoutRate,
    kernelInitializer: init.glorotUniform(),
  });
  return tf.model({ inputs: input, outputs: output, name: c.name });
}
