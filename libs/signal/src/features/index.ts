export {
  beatFeatures,
  beatFeaturesInWindow,
  BEAT_FEATURE_NAMES,
  RR_LOCAL_BEATS,
  type BeatFeatures,
  type BeatFeatureName,
  type BeatFeatureOptions,
  type BeatWindowOptions,
} from './beat-features';
export {
  beatFeatureSequence,
  fitFeatureNormalization,
  PHYSIOLOGICAL_NORMALIZATION,
  type BeatSequence,
  type BeatSequenceOptions,
  type FeatureNormalization,
} from './sequence';
