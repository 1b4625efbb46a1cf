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
  /** Wall time of the epoch up to its validation score (checkpoint writing not included). */
  seconds: number;
  /** Phases of `seconds`: training steps, batch-norm recalibration, validation. Absent in epochs trained before they were recorded. */
  trainSeconds?: number;
  recalibrationSeconds?: number;
  validationSeconds?: number;
}
