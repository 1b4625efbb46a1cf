import { EcgDataError } from '@efficientecg/datasets';
import type { ReproductionStep } from './context';
import { datasetsStep } from './steps/datasets';
import { paramsStep } from './steps/params';
import { pretrainedStep } from './steps/pretrained';
import { runsStep } from './steps/runs';

/** Every step of `ecg reproduce`, in run order. Later steps (models, experiments) register here. */
export const reproductionSteps: readonly ReproductionStep[] = Object.freeze([datasetsStep, paramsStep, pretrainedStep, runsStep]);

export function selectSteps(names: readonly string[]): ReproductionStep[] {
  if (names.length === 0) return [...reproductionSteps];
  return names.map((n) => {
    const step = reproductionSteps.find((s) => s.name === n);
    if (!step) throw new EcgDataError('BAD_ARGUMENT', 'ecg reproduce', `unknown step "${n}"; known: ${reproductionSteps.map((s) => s.name).join(', ')}`);
    return step;
  });
}
