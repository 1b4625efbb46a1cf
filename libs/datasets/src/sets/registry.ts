import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Demographics } from '../types';
import { parseHeaderComments } from '../wfdb/comments';
import { readWfdbHeaderFile } from '../wfdb/header';
import { AAMI_CLASSES, addAamiCounts, emptyAamiCounts } from './mitdb/aami';
import { countMitdbBeats, mitdbRecordPath } from './mitdb/beats';
import { mitdbInterPatientSplit } from './mitdb/splits';
import { CINC2017_CLASSES, loadCinc2017 } from './cinc2017/reference';
import { cinc2017Split } from './cinc2017/examples';
import { loadPtbxlIndex, ptbxlSubsetDir } from './ptbxl/ptbxl-index';
import { ptbxlFoldSplit, ptbxlPatientSplit } from './ptbxl/ptbxl-splits';
import { PTBXL_SUPERCLASSES } from './ptbxl/scp';
import { CINC2021_SAMPLE_DIR, loadCinc2021Records } from './cinc2021/cinc2021-records';
import { SPLIT_NAMES, type SplitName } from './splits';

/** Examples per class on one side of one split protocol. */
export interface ClassCountRow {
  split: SplitName | 'all';
  /** Records on that side. */
  records: number;
  counts: Record<string, number>;
}

/** One labelling task of a data set with its split protocol and class counts. */
export interface DatasetTaskSummary {
  /** Short id used in file names ("mitdb-aami"). */
  id: string;
  /** Which task and protocol ("AAMI beat classes, inter-patient (de Chazal 2004)"). */
  title: string;
  classes: readonly string[];
  rows: ClassCountRow[];
}

export interface DatasetSummary {
  name: string;
  title: string;
  /** Unit counted in classCounts ("beats", "records"). */
  unit: string;
  tasks: DatasetTaskSummary[];
  /** One entry per record (null when the set carries no age or sex). */
  demographics: Pick<Demographics, 'age' | 'ageStatus' | 'sex'>[] | null;
  notes: string[];
}

/** A data set by name: where it lives under the data root and how to summarise it. */
export interface DatasetDescriptor {
  name: string;
  title: string;
  /** Folder under the data root. */
  folder: string;
  isPresent(root: string): boolean;
  summarize(root: string, options: { seed: number }): DatasetSummary;
}

function countBy<T>(items: readonly T[], classes: readonly string[], classesOf: (t: T) => readonly string[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(classes.map((c) => [c, 0]));
  for (const t of items) for (const c of classesOf(t)) out[c] = (out[c] ?? 0) + 1;
  return out;
}

const mitdb: DatasetDescriptor = {
  name: 'mitdb',
  title: 'MIT-BIH Arrhythmia Database',
  folder: 'mitdb',
  isPresent: (root) => existsSync(join(root, 'mitdb')),
  summarize(root, { seed }) {
    const split = mitdbInterPatientSplit(root, { seed });
    const classCounts: ClassCountRow[] = SPLIT_NAMES.map((side) => {
      const t = emptyAamiCounts();
      for (const c of countMitdbBeats(root, split[side]).values()) addAamiCounts(t, c);
      return { split: side, records: split[side].length, counts: { ...t } };
    });
    const names = readdirSync(join(root, 'mitdb')).filter((f) => /^\d{3}\.hea$/.test(f)).map((f) => f.slice(0, 3)).sort();
    const demographics = names.map((r) => parseHeaderComments(readWfdbHeaderFile(mitdbRecordPath(root, r)).comments).demographics);
    const notes = [`validation records from DS1 (seed ${seed}): ${split.validation.join(', ') || 'none'}; paced ${split.excluded.join(', ')} excluded`];
    if (split.missing.length) notes.push(`${split.missing.length} of 44 protocol records absent from this data root`);
    const tasks = [{ id: 'mitdb-aami', title: 'AAMI beat classes, inter-patient split (de Chazal 2004)', classes: AAMI_CLASSES, rows: classCounts }];
    return { name: 'mitdb', title: this.title, unit: 'beats', tasks, demographics, notes };
  },
};

const cinc2017: DatasetDescriptor = {
  name: 'cinc2017',
  title: 'PhysioNet/CinC Challenge 2017',
  folder: 'cinc2017',
  isPresent: (root) => existsSync(join(root, 'cinc2017', 'REFERENCE.csv')),
  summarize(root, { seed }) {
    const { entries } = loadCinc2017(join(root, 'cinc2017'));
    const split = cinc2017Split(entries, { seed });
    return {
      name: 'cinc2017',
      title: this.title,
      unit: 'records',
      tasks: [
        {
          id: 'cinc2017-rhythm',
          title: 'Rhythm classes, seeded stratified split 70/10/20 %',
          classes: CINC2017_CLASSES,
          rows: SPLIT_NAMES.map((side) => ({ split: side, records: split[side].length, counts: countBy(split[side], CINC2017_CLASSES, (e) => [e.label]) })),
        },
      ],
      demographics: null,
      notes: [`${entries.length} labelled records; seed ${seed}; no age or sex in this set`],
    };
  },
};

const ptbxl: DatasetDescriptor = {
  name: 'ptbxl',
  title: 'PTB-XL subset (12-lead, 100 Hz, 10 s)',
  folder: 'ptbxl_subset',
  isPresent: (root) => existsSync(join(ptbxlSubsetDir(root), 'index.csv')),
  summarize(root, { seed }) {
    const entries = loadPtbxlIndex(root);
    const binary = ptbxlPatientSplit(entries, { seed });
    const withFolds = entries.filter((e) => e.stratFold !== null);
    const folds = ptbxlFoldSplit(withFolds);
    const superclasses = [...PTBXL_SUPERCLASSES, 'none'];
    const tasks: DatasetTaskSummary[] = [
      {
        id: 'ptbxl-normal-abnormal',
        title: 'Normal vs Abnormal, patient-aware split (PTB-XL folds where known)',
        classes: ['Normal', 'Abnormal'],
        rows: SPLIT_NAMES.map((side) => ({ split: side, records: binary[side].length, counts: countBy(binary[side], ['Normal', 'Abnormal'], (e) => [e.normal ? 'Normal' : 'Abnormal']) })),
      },
      {
        id: 'ptbxl-superclasses',
        title: 'Diagnostic superclasses (multi-label), PTB-XL folds 1-8 / 9 / 10',
        classes: superclasses,
        rows: SPLIT_NAMES.map((side) => ({
          split: side,
          records: folds[side].length,
          counts: countBy(folds[side], superclasses, (e) => (e.superclasses.length ? e.superclasses : ['none'])),
        })),
      },
    ];
    return {
      name: 'ptbxl',
      title: this.title,
      unit: 'records',
      tasks,
      demographics: entries.map((e) => ({ age: e.age, ageStatus: e.ageStatus, sex: e.sex })),
      notes: [`${entries.length} records, ${withFolds.length} with strat_fold and superclasses; seed ${seed} for the records without a fold`],
    };
  },
};

const cinc2021: DatasetDescriptor = {
  name: 'cinc2021',
  title: 'CinC 2021-format 12-lead records',
  folder: CINC2021_SAMPLE_DIR,
  isPresent: (root) => existsSync(join(root, CINC2021_SAMPLE_DIR)),
  summarize(root) {
    const entries = loadCinc2021Records(join(root, CINC2021_SAMPLE_DIR));
    const names = [...new Set(entries.flatMap((e) => e.dxAbbreviations))].sort();
    return {
      name: 'cinc2021',
      title: this.title,
      unit: 'records',
      tasks: [
        {
          id: 'cinc2021-dx',
          title: 'SNOMED CT diagnoses (multi-label), all records',
          classes: names,
          rows: [{ split: 'all', records: entries.length, counts: countBy(entries, names, (e) => e.dxAbbreviations) }],
        },
      ],
      demographics: entries.map((e) => ({ age: e.age, ageStatus: e.ageStatus, sex: e.sex })),
      notes: ['a pipeline-test sample: no split'],
    };
  },
};

/** Every data set by name (as torch_ecg's registries: string -> loader). */
export const datasetRegistry: Readonly<Record<string, DatasetDescriptor>> = Object.freeze({ mitdb, cinc2017, ptbxl, cinc2021 });
