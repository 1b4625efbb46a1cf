/** Learning-rate schedules, as data (the experiment config's `training.schedule`). */
export type LearningRateSchedule =
  | { kind: 'constant' }
  /** Cosine decay from the base rate at epoch 0 to minLearningRate at the last epoch. */
  | { kind: 'cosine'; minLearningRate: number }
  /** Multiply by `factor` every `every` epochs. */
  | { kind: 'step'; every: number; factor: number }
  /** Multiply by `factor` after `patience` epochs without improvement of the monitored value. */
  | { kind: 'plateau'; patience: number; factor: number; minLearningRate: number };

/** Serialisable state of the schedule (checkpointed so a resumed run continues exactly). */
export interface ScheduleState {
  rate: number;
  best: number | null;
  badEpochs: number;
}

export class LearningRateController {
  private state: ScheduleState;

  constructor(
    private readonly schedule: LearningRateSchedule,
    private readonly baseRate: number,
    private readonly epochs: number,
    state?: ScheduleState,
  ) {
    this.state = state ? { ...state } : { rate: baseRate, best: null, badEpochs: 0 };
  }

  /** Learning rate for a 0-based epoch. */
  rateFor(epoch: number): number {
    const s = this.schedule;
    switch (s.kind) {
      case 'constant':
        return this.baseRate;
      case 'cosine': {
        const t = this.epochs <= 1 ? 0 : epoch / (this.epochs - 1);
        return s.minLearningRate + 0.5 * (this.baseRate - s.minLearningRate) * (1 + Math.cos(Math.PI * t));
      }
      case 'step':
        return this.baseRate * s.factor ** Math.floor(epoch / s.every);
      case 'plateau':
        return this.state.rate;
    }
  }

  /** Report the monitored value after an epoch (higher is better when `higherIsBetter`). */
  observe(value: number, higherIsBetter: boolean): void {
    if (this.schedule.kind !== 'plateau') return;
    const improved = this.state.best === null || (higherIsBetter ? value > this.state.best : value < this.state.best);
    if (improved) {
      this.state.best = value;
      this.state.badEpochs = 0;
      return;
    }
    this.state.badEpochs++;
    if (this.state.badEpochs >= this.schedule.patience) {
      this.state.rate = Math.max(this.schedule.minLearningRate, this.state.rate * this.schedule.factor);
      this.state.badEpochs = 0;
    }
  }

  snapshot(): ScheduleState {
    return { ...this.state };
  }
}
