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
export { N_RR_FEATURES, RR_FEATURE_LOCAL_INTERVALS, RR_FEATURE_NAMES, rrIntervalFeatures } from './rr-features';
export { N_RHYTHM_FEATURES, RHYTHM_FEATURE_NAMES, RHYTHM_IRREGULAR_RATIO, recordRhythmFeatures, type RhythmBeat } from './rhythm-features';
