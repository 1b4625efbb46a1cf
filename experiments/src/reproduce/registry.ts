import { EcgDataError } from '@efficientecg/datasets';
import { listExperimentNames } from '../config';
import type { ReproductionStep } from './context';
import { datasetsStep } from './steps/datasets';
import { paramsStep } from './steps/params';
import { pretrainedStep } from './steps/pretrained';
import { runsStep } from './steps/runs';

/** Every step of `ecg reproduce`, in run order. Later steps (models, experiments) register here. */
export const reproductionSteps: readonly ReproductionStep[] = Object.freeze([datasetsStep, paramsStep, pretrainedStep, runsStep]);

/**
 * The command line's names split into steps and experiments (`ecg reproduce runs mitdb-inter-patient
 * --full`): a name is a step, else an experiment config, else an error naming both lists.
 */
export function splitReproduceNames(names: readonly string[]): { steps: ReproductionStep[]; experiments: string[] } {
  const experimentNames = listExperimentNames();
  const experiments = names.filter((n) => !reproductionSteps.some((s) => s.name === n) && experimentNames.includes(n));
  const stepNames = names.filter((n) => !experiments.includes(n));
  for (const n of stepNames) {
    if (!reproductionSteps.some((s) => s.name === n)) throw new EcgDataError('BAD_ARGUMENT', 'ecg reproduce', `"${n}" is neither a step (${reproductionSteps.map((s) => s.name).join(', ')}) nor an experiment (${experimentNames.join(', ')})`);
  }
  return { steps: selectSteps(stepNames), experiments };
}

export function selectSteps(names: readonly string[]): ReproductionStep[] {
  if (names.length === 0) return [...reproductionSteps];
  return names.map((n) => {
    const step = reproductionSteps.find((s) => s.name === n);
    if (!step) throw new EcgDataError('BAD_ARGUMENT', 'ecg reproduce', `unknown step "${n}"; known: ${reproductionSteps.map((s) => s.name).join(', ')}`);
    return step;
  });
}
