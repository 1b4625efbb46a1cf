import type * as tf from '@tensorflow/tfjs';
import { createCnnLstm } from './baselines/cnn-lstm/model';
import { createEcgTransformer } from './baselines/ecg-transformer/model';
import { createSeResNet18 } from './baselines/resnet18-se/model';
import { createHannunResNet34 } from './baselines/resnet34-hannun/model';
import { ModelError } from './common/errors';
import { EFFICIENTECG_INPUTS } from './efficientecg/defaults';
import { createEfficientECG } from './efficientecg/model';
import type { LstmAutoencoder } from './lstm-ae/model';
import { createEfficientNet1D } from './efficientnet1d/model';
import { efficientNet1DVariantConfig, type EfficientNet1DVariant } from './efficientnet1d/variants';

/** What every model in the registry is built from (the experiment config's model section plus the data's shape). */
export interface ModelSpec {
  inputLength: number;
  leads: number;
  classes: number;
  task: 'single-label' | 'multi-label';
  seed: number;
  variant?: EfficientNet1DVariant;
  se?: boolean;
  lstmAE?: boolean;
  fusion?: boolean;
  kernelScale?: number;
  dropout?: number;
  /** Train the pretrained LSTM-AE encoder with the classifier (default: frozen). */
  lstmAEFineTune?: boolean;
  /** Beat-context length of the LSTM-AE input. */
  contextBeats?: number;
  /** Width of EfficientECG's direct RR-feature input (0 or absent: none). */
  rrFeatures?: number;
}

export interface BuiltModel {
  model: tf.LayersModel;
  /** Logical input names in model order. */
  inputNames: string[];
  /** Present when the model has an LSTM-AE branch to pretrain. */
  lstmAutoencoder: LstmAutoencoder | null;
}

export interface ModelEntry {
  title: string;
  citation: string;
  build(spec: ModelSpec): BuiltModel;
}

const activation = (s: ModelSpec) => (s.task === 'single-label' ? 'softmax' : 'sigmoid') as 'softmax' | 'sigmoid';
const signalOnly = (model: tf.LayersModel): BuiltModel => ({ model, inputNames: [EFFICIENTECG_INPUTS.signal], lstmAutoencoder: null });

/** Models by name (string -> factory, as torch_ecg's registries). */
export const modelRegistry: Readonly<Record<string, ModelEntry>> = Object.freeze({
  efficientecg: {
    title: 'EfficientECG (EfficientNet-1D + LSTM-AE beat features + age/sex cross-attention)',
    citation: 'Deng H, Li X, Luo J, Wu D. EfficientECG: Cross-Attention with Feature Fusion for Efficient Electrocardiogram Classification. arXiv:2512.03804 (2025)',
    build: (s) => {
      const e = createEfficientECG({
        inputLength: s.inputLength,
        leads: s.leads,
        classes: s.classes,
        task: s.task,
        variant: s.variant ?? 'lite',
        backbone: s.kernelScale ? { kernelScale: s.kernelScale } : {},
        se: s.se ?? true,
        lstmAE: s.lstmAE ?? true,
        fusion: s.fusion ?? true,
        lstmAEConfig: s.contextBeats ? { seqLen: s.contextBeats } : {},
        lstmAEFineTune: s.lstmAEFineTune ?? false,
        rrFeatures: s.rrFeatures ?? 0,
        dropout: s.dropout ?? 0.2,
        seed: s.seed,
      });
      return { model: e.model, inputNames: e.inputNames, lstmAutoencoder: e.lstmAutoencoder };
    },
  },
  efficientnet1d: {
    title: 'EfficientNet-1D (signal branch alone)',
    citation: 'Tan M, Le QV. EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks. ICML 2019 (1-D port)',
    build: (s) =>
      signalOnly(
        createEfficientNet1D(
          efficientNet1DVariantConfig(s.variant ?? 'lite', {
            inputLength: s.inputLength,
            leads: s.leads,
            classes: s.classes,
            classifierActivation: activation(s),
            se: s.se ?? true,
            kernelScale: s.kernelScale ?? 1,
            dropoutRate: s.dropout ?? 0.2,
            seed: s.seed,
          }),
        ),
      ),
  },
  'resnet34-hannun': {
    title: '1-D ResNet-34 (Hannun et al. 2019)',
    citation: 'Hannun AY et al. Cardiologist-level arrhythmia detection and classification in ambulatory electrocardiograms using a deep neural network. Nat Med 25:65-69 (2019)',
    build: (s) => signalOnly(createHannunResNet34({ inputLength: s.inputLength, leads: s.leads, classes: s.classes, classifierActivation: activation(s), seed: s.seed })),
  },
  'resnet18-se': {
    title: '1-D SE-ResNet-18',
    citation: 'He K et al. Deep Residual Learning for Image Recognition. CVPR 2016; Hu J et al. Squeeze-and-Excitation Networks. CVPR 2018',
    build: (s) => signalOnly(createSeResNet18({ inputLength: s.inputLength, leads: s.leads, classes: s.classes, classifierActivation: activation(s), seed: s.seed })),
  },
  'cnn-lstm': {
    title: 'CNN-LSTM (Oh et al. 2018)',
    citation: 'Oh SL et al. Automated diagnosis of arrhythmia using combination of CNN and LSTM techniques with variable length heart beats. Comput Biol Med 102:278-287 (2018)',
    build: (s) => signalOnly(createCnnLstm({ inputLength: s.inputLength, leads: s.leads, classes: s.classes, classifierActivation: activation(s), seed: s.seed })),
  },
  'ecg-transformer': {
    title: 'Small ECG transformer',
    citation: 'Vaswani A et al. Attention Is All You Need. NeurIPS 2017; Natarajan A et al. A Wide and Deep Transformer Neural Network for 12-Lead ECG Classification. CinC 2020',
    build: (s) => signalOnly(createEcgTransformer({ inputLength: s.inputLength, leads: s.leads, classes: s.classes, classifierActivation: activation(s), seed: s.seed })),
  },
});

export function buildModel(name: string, spec: ModelSpec): BuiltModel {
  const entry = modelRegistry[name];
  if (!entry) throw new ModelError('BAD_CONFIG', 'buildModel', `unknown model "${name}"; known: ${Object.keys(modelRegistry).join(', ')}`);
  return entry.build(spec);
}
