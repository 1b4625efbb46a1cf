import type { Demographics } from '@efficientecg/datasets';
import type { Cell } from '../results/table';

/** Age bands of the age/sex tables (the paper's Figure 3 groups by age and sex). */
export const AGE_GROUPS = ['<40', '40-59', '60-79', '80+', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export function ageGroupOf(d: Pick<Demographics, 'age' | 'ageStatus'>): AgeGroup {
  if (d.age === null || d.ageStatus !== 'known') return 'unknown';
  return d.age < 40 ? '<40' : d.age < 60 ? '40-59' : d.age < 80 ? '60-79' : '80+';
}

export const DEMOGRAPHICS_COLUMNS = ['data set', 'records', 'male', 'female', 'sex unknown', 'age known', 'age median', 'age min', 'age max', 'age 90+/unknown or missing'];

/** One row of the demographics table. */
export function demographicsRow(dataset: string, people: readonly Pick<Demographics, 'age' | 'ageStatus' | 'sex'>[]): Cell[] {
  const ages = people.filter((p) => p.age !== null && p.ageStatus === 'known').map((p) => p.age!).sort((a, b) => a - b);
  const median = ages.length === 0 ? null : ages.length % 2 ? ages[(ages.length - 1) / 2] : (ages[ages.length / 2 - 1] + ages[ages.length / 2]) / 2;
  return [
    dataset,
    people.length,
    people.filter((p) => p.sex === 'M').length,
    people.filter((p) => p.sex === 'F').length,
    people.filter((p) => p.sex === null).length,
    ages.length,
    median,
    ages.length ? ages[0] : null,
    ages.length ? ages[ages.length - 1] : null,
    people.length - ages.length,
  ];
}

/** Rows (data set, age group, sex, records) for the age-by-sex distribution. */
export function ageSexRows(dataset: string, people: readonly Pick<Demographics, 'age' | 'ageStatus' | 'sex'>[]): Cell[][] {
  const rows: Cell[][] = [];
  for (const g of AGE_GROUPS) {
    for (const sex of ['M', 'F', 'unknown'] as const) {
      const n = people.filter((p) => ageGroupOf(p) === g && (p.sex ?? 'unknown') === sex).length;
      if (n > 0) rows.push([dataset, g, sex, n]);
    }
  }
  return rows;
}
