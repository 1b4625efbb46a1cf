import type { Demographics } from '@efficientecg/datasets';

/** Turns a record's age and sex into the model's "age" and "sex" inputs (one number each). */
export interface DemographicEncoder {
  age(d: Demographics): number;
  sex(d: Demographics): number;
}
