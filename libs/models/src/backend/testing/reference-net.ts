import * as tf from '@tensorflow/tfjs';

/**
 * The reference conv net for backend checks and speed comparisons (environment.md): conv1d
 * stem, MBConv blocks (1x1 expand, depthwise via [B,T,1,C] reshape + depthwiseConv2d([k,1]),
 * squeeze-excitation, 1x1 project, residual), 1x1 head, global average pooling, softmax.
 * Not the EfficientNet-1D of ../efficientnet1d: a fixed, seeded net so numbers stay comparable.
 */
export interface MbconvBlockSpec {
  expansion: number;
  kernel: number;
  stride: number;
  channels: number;
}

export interface ReferenceNetSpec {
  timeSteps: number;
  leads: number;
  classes: number;
  stemFilters: number;
  stemKernel: number;
  blocks: MbconvBlockSpec[];
  headFilters: number;
  seed?: number;
}

const block = (expansion: number, kernel: number, stride: number, channels: number): MbconvBlockSpec => ({ expansion, kernel, stride, channels });

/** ~0.49 M parameters: the net behind the throughput figures in environment.md. */
export function referenceNetSpec(timeSteps: number, leads: number, classes = 5): ReferenceNetSpec {
  return {
    timeSteps,
    leads,
    classes,
    stemFilters: 32,
    stemKernel: 7,
    blocks: [block(4, 3, 1, 16), block(6, 3, 2, 24), block(6, 5, 2, 40), block(6, 3, 2, 80), block(6, 5, 1, 112), block(6, 5, 1, 192)],
    headFilters: 320,
  };
}

/** A small net with the same layer types, for gradient checks that must also run on 'cpu'. */
export function tinyNetSpec(timeSteps: number, leads: number, classes = 5): ReferenceNetSpec {
  return { timeSteps, leads, classes, stemFilters: 8, stemKernel: 7, blocks: [block(4, 3, 1, 8), block(4, 5, 2, 12)], headFilters: 24 };
}

export function buildReferenceNet(spec: ReferenceNetSpec): tf.LayersModel {
  let seed = spec.seed ?? 1;
  const init = () => tf.initializers.glorotNormal({ seed: seed++ });
  const S = (l: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) => l.apply(x) as tf.SymbolicTensor;
  const bnSwish = (x: tf.SymbolicTensor) => S(tf.layers.activation({ activation: 'swish' }), S(tf.layers.batchNormalization(), x));
  const pointwise = (x: tf.SymbolicTensor, filters: number) =>
    S(tf.layers.conv1d({ filters, kernelSize: 1, useBias: false, kernelInitializer: init() }), x);

  const input = tf.input({ shape: [spec.timeSteps, spec.leads] });
  let x = bnSwish(
    S(tf.layers.conv1d({ filters: spec.stemFilters, kernelSize: spec.stemKernel, strides: 2, padding: 'same', useBias: false, kernelInitializer: init() }), input),
  );
  let cin = spec.stemFilters;
  for (const b of spec.blocks) {
    const c = cin * b.expansion;
    let h = b.expansion === 1 ? x : bnSwish(pointwise(x, c));
    const t = h.shape[1] as number;
    h = S(tf.layers.reshape({ targetShape: [t, 1, c] }), h);
    h = S(tf.layers.depthwiseConv2d({ kernelSize: [b.kernel, 1], strides: [b.stride, 1], padding: 'same', useBias: false, depthwiseInitializer: init() }), h);
    h = bnSwish(S(tf.layers.reshape({ targetShape: [h.shape[1] as number, c] }), h));
    let se = S(tf.layers.globalAveragePooling1d(), h);
    se = S(tf.layers.dense({ units: Math.max(1, Math.floor(cin / 4)), activation: 'swish', kernelInitializer: init() }), se);
    se = S(tf.layers.dense({ units: c, activation: 'sigmoid', kernelInitializer: init() }), se);
    h = S(tf.layers.multiply(), [h, S(tf.layers.reshape({ targetShape: [1, c] }), se)]);
    h = S(tf.layers.batchNormalization(), pointwise(h, b.channels));
    x = b.stride === 1 && cin === b.channels ? S(tf.layers.add(), [x, h]) : h;
    cin = b.channels;
  }
  x = S(tf.layers.globalAveragePooling1d(), bnSwish(pointwise(x, spec.headFilters)));
  const out = S(tf.layers.dense({ units: spec.classes, activation: 'softmax', kernelInitializer: init() }), x);
  return tf.model({ inputs: input, outputs: out });
}
