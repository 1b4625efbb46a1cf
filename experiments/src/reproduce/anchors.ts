/** Published numbers the results are set beside (../shared/reference/anchors.md). */
export const MITDB_PUBLISHED = Object.freeze([
  { method: 'de Chazal et al. 2004', accuracy: 0.862, jkIndex: 0.612 },
  { method: 'Mar et al. 2011', accuracy: 0.899, jkIndex: 0.649 },
  { method: 'Zhang et al. 2014', accuracy: 0.883, jkIndex: 0.663 },
  { method: 'Mondejar-Guerra et al. 2019', accuracy: 0.945, jkIndex: 0.773 },
]);

export const CINC2017_PUBLISHED = Object.freeze([
  { method: 'CinC 2017 winners (four tied; hidden test set, 8,528 training records)', score: 0.83 },
]);

/**
 * The accuracy the committed models are held to (issue 5: on data the model never trained or
 * tuned on). `metric` names the summary entry of the test metrics the target applies to.
 */
export const PRETRAINED_TARGETS = Object.freeze([
  { model: 'cinc2017', metric: 'cinc2017Score', label: 'CinC 2017 challenge score F1(N,A,O), test split', target: 0.8 },
  { model: 'mitdb', metric: 'aamiAccuracy', label: 'MIT-BIH DS2 accuracy (AAMI, Q excluded)', target: 0.93 },
] as const);
