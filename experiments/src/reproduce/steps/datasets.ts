import { datasetRegistry } from '@efficientecg/datasets';
import type { Cell } from '../../results/table';
import type { ReproductionStep, StepOutput } from '../context';
import { DEMOGRAPHICS_COLUMNS, ageSexRows, demographicsRow } from '../demographics';
import { displayPath } from '../display-path';

const SOURCE_TEXT = { 'bundled-sample': 'the bundled sample', env: '$ECG_DATA_ROOT', flag: '--data-root', downloaded: 'data/ (ecg download)' } as const;

/** Class distributions per data set, task and split; age and sex where the set has them. */
export const datasetsStep: ReproductionStep = {
  name: 'datasets',
  description: 'class distributions per data set and split; age and sex of the data sets that carry them',
  run(ctx) {
    const out: StepOutput = { tables: [], notes: [] };
    const demo: Cell[][] = [];
    const ageSex: Cell[][] = [];
    for (const d of Object.values(datasetRegistry)) {
      if (!d.isPresent(ctx.dataRoot.path)) {
        out.notes.push(`${d.title}: no ${d.folder}/ under ${displayPath(ctx.dataRoot.path)}`);
        continue;
      }
      const s = d.summarize(ctx.dataRoot.path, { seed: ctx.seed });
      for (const n of s.notes) out.notes.push(`${d.title}: ${n}`);
      for (const task of s.tasks) {
        out.tables.push({
          id: `${task.id}-class-distribution`,
          title: `${d.title}: ${task.title}`,
          notes: [`${s.unit} per class on each side; seed ${ctx.seed}; data root: ${SOURCE_TEXT[ctx.dataRoot.source]}.`],
          columns: ['split', 'records', ...task.classes, ...(s.unit === 'beats' ? ['beats'] : [])],
          rows: task.rows.map((r) => [
            r.split,
            r.records,
            ...task.classes.map((c) => r.counts[c] ?? 0),
            ...(s.unit === 'beats' ? [Object.values(r.counts).reduce((a, b) => a + b, 0)] : []),
          ]),
        });
      }
      if (s.demographics) {
        demo.push(demographicsRow(d.title, s.demographics));
        ageSex.push(...ageSexRows(d.name, s.demographics));
      }
    }
    if (demo.length) {
      out.tables.push({
        id: 'demographics',
        title: 'Age and sex of the data sets that carry them (one entry per record)',
        notes: ['"90+/unknown or missing" counts PTB-XL\'s age 300 and headers that give no age; such records are kept and flagged, never dropped.'],
        columns: DEMOGRAPHICS_COLUMNS,
        rows: demo,
      });
      out.tables.push({
        id: 'age-sex-distribution',
        title: 'Records per age group and sex',
        notes: ['The data behind the age/sex distribution figure (notebook 2).'],
        columns: ['data set', 'age group', 'sex', 'records'],
        rows: ageSex,
      });
    }
    return out;
  },
};
