import { describe, expect, it } from 'vitest';
import { loadExperimentConfig, resolveRunConfig } from '../config';
import { foldsNote } from './export';

const run = (experiment: string, seed: number) => resolveRunConfig(loadExperimentConfig(experiment), { variant: 'full', seed, quick: false });

describe('model card: what a seed means', () => {
  it('a plain config: the seed, and for an ensemble the shared test set', () => {
    expect(foldsNote(run('cinc2017', 2), false, '2')).toBe('seed 2');
    expect(foldsNote(run('cinc2017', 0), true, '0, 1, 2')).toBe('seeds 0, 1, 2, which share one test set');
  });

  it('a patient-fold config (mitdb-inter-patient-cv5): the seed names the validation fold', () => {
    expect(foldsNote(run('mitdb-inter-patient-cv5', 3), false, '3')).toBe('seed 3, validated on fold 3 of a patient-wise 5-fold cross-validation over the training records and trained on the others');
    expect(foldsNote(run('mitdb-inter-patient-cv5', 0), true, '0, 1, 2, 3, 4')).toMatch(/^seeds 0, 1, 2, 3, 4, one per validation fold of a patient-wise 5-fold cross-validation .* which share one test set$/);
  });
});
