import type { RunPredictions } from '../../results/predictions';

/** Test fixture: Normal vs Abnormal predictions of four patients (labels N, A, A, N), given the Abnormal probability per example. */
export const normalAbnormalPredictions = (pAbnormal: number[], ids = ['a', 'b', 'c', 'd']): RunPredictions => ({
  ids,
  groups: ids.map((id) => `p-${id}`),
  labels: [0, 1, 1, 0],
  targets: null,
  probs: pAbnormal.map((p) => [1 - p, p]),
  classNames: ['Normal', 'Abnormal'],
});
