import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  AAMI_CLASSES,
  CINC2017_CLASSES,
  addAamiCounts,
  cinc2017Split,
  countMitdbBeats,
  emptyAamiCounts,
  loadCinc2017,
  mitdbInterPatientSplit,
  mitdbRecordPath,
  parseHeaderComments,
  readWfdbHeaderFile,
  type Demographics,
} from '@efficientecg/datasets';
import type { Cell, ResultTable } from '../../results/table';
import type { ReproduceContext, ReproductionStep, StepOutput } from '../context';
import { DEMOGRAPHICS_COLUMNS, ageSexRows, demographicsRow } from '../demographics';
import { displayPath } from '../display-path';

function mitdbTables(ctx: ReproduceContext, out: StepOutput, demo: Cell[][], ageSex: Cell[][]): void {
  const root = ctx.dataRoot.path;
  if (!existsSync(join(root, 'mitdb'))) {
    out.notes.push(`MIT-BIH: no mitdb/ under ${displayPath(root)}`);
    return;
  }
  const split = mitdbInterPatientSplit(root, { seed: ctx.seed });
  if (split.missing.length) out.notes.push(`MIT-BIH: ${split.missing.length} of 44 protocol records absent from ${displayPath(root)} (${ctx.dataRoot.source}); counts cover the ${44 - split.missing.length} present`);
  const rows: Cell[][] = [];
  for (const [side, records] of [['train (DS1)', split.train], ['validation (DS1)', split.validation], ['test (DS2)', split.test]] as const) {
    const t = emptyAamiCounts();
    for (const c of countMitdbBeats(root, records).values()) addAamiCounts(t, c);
    rows.push([side, records.length, records.join(' '), ...AAMI_CLASSES.map((k) => t[k]), AAMI_CLASSES.reduce((s, k) => s + t[k], 0)]);
  }
  out.tables.push({
    id: 'mitdb-class-distribution',
    title: 'MIT-BIH beats per AAMI class, inter-patient split (de Chazal 2004)',
    notes: [
      `Validation patients drawn from DS1 with seed ${ctx.seed}; paced records ${split.excluded.join(', ')} excluded.`,
      'Counts are reference-annotated beats with an AAMI class (window edges not yet applied).',
    ],
    columns: ['split', 'records', 'record list', ...AAMI_CLASSES, 'total'],
    rows,
  });
  const people: Demographics[] = [];
  const names = readdirSync(join(root, 'mitdb')).filter((f) => /^\d{3}\.hea$/.test(f)).map((f) => f.slice(0, 3)).sort();
  for (const r of names) people.push(parseHeaderComments(readWfdbHeaderFile(mitdbRecordPath(root, r)).comments).demographics);
  demo.push(demographicsRow('MIT-BIH (per record)', people));
  ageSex.push(...ageSexRows('MIT-BIH', people));
}

function cinc2017Tables(ctx: ReproduceContext, out: StepOutput): void {
  const dir = join(ctx.dataRoot.path, 'cinc2017');
  if (!existsSync(join(dir, 'REFERENCE.csv'))) {
    out.notes.push(`CinC 2017: no cinc2017/REFERENCE.csv under ${displayPath(ctx.dataRoot.path)}`);
    return;
  }
  const { entries } = loadCinc2017(dir);
  const split = cinc2017Split(entries, { seed: ctx.seed });
  const rows: Cell[][] = (['train', 'validation', 'test'] as const).map((side) => [
    side,
    ...CINC2017_CLASSES.map((c) => split[side].filter((e) => e.label === c).length),
    split[side].length,
  ]);
  out.tables.push({
    id: 'cinc2017-class-distribution',
    title: 'CinC 2017 records per class, seeded stratified split (70/10/20 %)',
    notes: [`${entries.length} labelled records under ${displayPath(dir)}; seed ${ctx.seed}. CinC 2017 records carry no age or sex.`],
    columns: ['split', ...CINC2017_CLASSES, 'total'],
    rows,
  });
}

export const datasetsStep: ReproductionStep = {
  name: 'datasets',
  description: 'class distributions per data set and split; age and sex of the data sets that carry them',
  run(ctx) {
    const out: StepOutput = { tables: [], notes: [] };
    const demo: Cell[][] = [];
    const ageSex: Cell[][] = [];
    mitdbTables(ctx, out, demo, ageSex);
    cinc2017Tables(ctx, out);
    if (demo.length) {
      out.tables.push({
        id: 'demographics',
        title: 'Age and sex of the data sets that carry them',
        notes: ['Age "90+/unknown" counts PTB-XL\'s age 300 and headers that give no age; such records are kept and flagged, never dropped.'],
        columns: DEMOGRAPHICS_COLUMNS,
        rows: demo,
      } satisfies ResultTable);
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
