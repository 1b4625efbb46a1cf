/** One row of a run's per-epoch history (history.json / history.csv). */
export interface EpochRecord {
  epoch: number;
  learningRate: number;
  trainLoss: number;
  valLoss: number;
  valAccuracy: number | null;
  valMacroF1: number;
  /** The task's own score (CinC 2017: F1 of N, A, O; multi-label: macro AUC); equals valMacroF1 when none is set. */
  valScore: number;
  seconds: number;
}
