import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledSampleRoot, testDataRoot } from '../../data-root';
import { isEcgDataError } from '../../errors';
import { LEAD_SETS } from '../leads';
import type { Split } from '../splits';
import { ptbxlExamples, ptbxlTargets } from './ptbxl-examples';
import { loadPtbxlIndex, ptbxlSubsetDir, type PtbxlEntry } from './ptbxl-index';
import { ptbxlFoldSplit, ptbxlGroupOf, ptbxlPatientSplit, ptbxlSideOfFold } from './ptbxl-splits';
import { PTBXL_SUPERCLASSES, diagnosticSuperclasses, loadScpStatements, parseScpCodes } from './scp';

const root = testDataRoot();
const sample = bundledSampleRoot();

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

const count = (es: readonly PtbxlEntry[], f: (e: PtbxlEntry) => boolean) => es.filter(f).length;

function superclassCounts(es: readonly PtbxlEntry[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(PTBXL_SUPERCLASSES.map((c) => [c, 0]));
  for (const e of es) for (const c of e.superclasses) out[c]++;
  return out;
}

/** Every patient group on exactly one side. */
function expectPatientDisjoint(split: Split<PtbxlEntry>): void {
  const sideOf = new Map<string, string>();
  for (const side of ['train', 'validation', 'test'] as const) {
    for (const e of split[side]) {
      const g = ptbxlGroupOf(e);
      expect(sideOf.get(g) ?? side, `patient ${g}`).toBe(side);
      sideOf.set(g, side);
    }
  }
}

/** Int16 little-endian samples of a PTB-XL .dat (12 interleaved leads, 1000 units per mV). */
function rawLead(recordPath: string, lead: number, n: number): number[] {
  const buf = readFileSync(recordPath + '.dat');
  return Array.from({ length: n }, (_, t) => buf.readInt16LE((t * 12 + lead) * 2) / 1000);
}

describe('SCP statements', () => {
  it('parses the scp_codes dict literal, likelihoods included', () => {
    expect(parseScpCodes("{'NORM': 100.0, 'LVOLT': 0.0, 'SR': 0.0}", 'x')).toEqual({ NORM: 100, LVOLT: 0, SR: 0 });
    expect(parseScpCodes('{}', 'x')).toEqual({});
    expect(isEcgDataError(thrown(() => parseScpCodes("['NORM']", 'row 3')), 'BAD_LABEL_FILE')).toBe(true);
    expect(isEcgDataError(thrown(() => parseScpCodes("{'NORM': high}", 'row 3')), 'BAD_LABEL_FILE')).toBe(true);
  });

  it('scp_statements.csv: 44 diagnostic statements over the five superclasses; rhythm statements have none', () => {
    const st = loadScpStatements(join(sample, 'ptbxl_subset', 'physionet_original', 'scp_statements.csv'));
    expect(st.size).toBe(44);
    expect(new Set(st.values())).toEqual(new Set(PTBXL_SUPERCLASSES));
    expect(st.get('IMI')).toBe('MI');
    expect(st.get('LVH')).toBe('HYP');
    expect(st.has('SR')).toBe(false);
    expect(diagnosticSuperclasses({ IMI: 35, LVH: 0, SR: 0 }, st)).toEqual(['MI', 'HYP']);
    expect(diagnosticSuperclasses({ IMI: 35, LVH: 0, SR: 0 }, st, 50)).toEqual([]);
  });
});

describe('PTB-XL on the bundled sample (40 records of folds 9 and 10)', () => {
  const entries = loadPtbxlIndex(sample);

  it('accepts the data root or the set folder', () => {
    expect(ptbxlSubsetDir(sample)).toBe(join(sample, 'ptbxl_subset'));
    expect(loadPtbxlIndex(join(sample, 'ptbxl_subset')).map((e) => e.recordPath)).toEqual(entries.map((e) => e.recordPath));
  });

  it('40 records, 20 Normal / 20 Abnormal, all with folds, patients and demographics', () => {
    expect(entries).toHaveLength(40);
    expect(count(entries, (e) => e.normal)).toBe(20);
    expect(count(entries, (e) => e.stratFold === 10)).toBe(30);
    expect(count(entries, (e) => e.stratFold === 9)).toBe(10);
    expect(count(entries, (e) => e.sex === 'F')).toBe(10);
    expect(count(entries, (e) => e.sex === 'M')).toBe(30);
    expect(count(entries, (e) => e.ageStatus === 'known')).toBe(40);
    expect(count(entries, (e) => e.patientId !== null)).toBe(40);
    expect(superclassCounts(entries)).toEqual({ NORM: 20, MI: 4, STTC: 7, CD: 5, HYP: 2 });
    expect(count(entries, (e) => e.flags.noDiagnosticSuperclass)).toBe(5);
  });

  it('record 8: 48-year-old man, IMI -> MI, fold 9, from the Challenge-2024 copy', () => {
    const e = entries.find((x) => x.ecgId === 8)!;
    expect(e).toMatchObject({ age: 48, ageStatus: 'known', sex: 'M', normal: false, superclasses: ['MI'], stratFold: 9 });
    expect(e.recordRelPath).toBe('ecg-image-kit_challenge2024/00000/00008_lr');
    expect(e.patientId).toMatch(/^\d+$/);
  });

  it('examples: 12 or 8 leads of 1000 samples at 100 Hz, equal to the raw int16 / 1000', () => {
    const [ex12] = ptbxlExamples(entries.slice(0, 1), { leadSet: '12' });
    expect(ex12.id).toBe('ptbxl/8');
    expect(ex12.fs).toBe(100);
    expect(ex12.leadNames).toEqual(LEAD_SETS['12']);
    expect(ex12.signals.map((s) => s.length)).toEqual(Array(12).fill(1000));
    expect(ex12.targets).toEqual(Float32Array.of(1)); // Abnormal
    const [ex8] = ptbxlExamples(entries.slice(0, 1), { leadSet: 'hmic8', task: 'superclasses' });
    expect(ex8.leadNames).toEqual(LEAD_SETS.hmic8);
    expect(ex8.targets).toEqual(Float32Array.of(0, 1, 0, 0, 0)); // MI
    expect(ex8).toMatchObject({ age: 48, sex: 'M', ageStatus: 'known', patientId: entries[0].patientId });
    // V1 is lead 6 in the file and lead 2 of hmic8.
    expect(Array.from(ex8.signals[2].subarray(0, 50))).toEqual(rawLead(entries[0].recordPath, 6, 50).map(Math.fround));
  });

  it('fold split of the sample: 10 validation (fold 9), 30 test (fold 10), no train', () => {
    const s = ptbxlFoldSplit(entries);
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([0, 10, 30]);
  });
});

describe('PTB-XL typed errors (copies of the bundled sample, one thing broken)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ptbxl-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  let n = 0;
  function brokenCopy(edit: (dir: string) => void): string {
    const dir = join(tmp, String(n++));
    cpSync(join(sample, 'ptbxl_subset'), dir, { recursive: true });
    edit(dir);
    return dir;
  }

  it('a missing index.csv column names the file and the column', () => {
    const dir = brokenCopy((d) => {
      const f = join(d, 'index.csv');
      writeFileSync(f, readFileSync(f, 'utf8').replace('strat_fold', 'fold'));
    });
    const e = thrown(() => loadPtbxlIndex(dir));
    expect(isEcgDataError(e, 'BAD_LABEL_FILE')).toBe(true);
    expect((e as Error).message).toContain(join(dir, 'index.csv'));
    expect((e as Error).message).toContain('no column "strat_fold"');
  });

  it('a missing scp_statements.csv, database CSV or record is MISSING_FILE naming it', () => {
    const noStatements = brokenCopy((d) => unlinkSync(join(d, 'physionet_original', 'scp_statements.csv')));
    const e1 = thrown(() => loadPtbxlIndex(noStatements));
    expect(isEcgDataError(e1, 'MISSING_FILE') && (e1 as Error).message.includes('scp_statements.csv')).toBe(true);

    const noDatabase = brokenCopy((d) => unlinkSync(join(d, 'physionet_original', 'ptbxl_database.csv')));
    const e2 = thrown(() => loadPtbxlIndex(noDatabase));
    expect(isEcgDataError(e2, 'MISSING_FILE') && (e2 as Error).message.includes('ptbxl_database.csv')).toBe(true);

    const noRecord = brokenCopy((d) => unlinkSync(join(d, 'ecg-image-kit_challenge2024', '00000', '00017_lr.hea')));
    const e3 = thrown(() => loadPtbxlIndex(noRecord));
    expect(isEcgDataError(e3, 'MISSING_FILE')).toBe(true);
    expect((e3 as Error).message).toContain('00017_lr.hea');
    expect(loadPtbxlIndex(noRecord, { checkRecords: false })).toHaveLength(40);
  });

  it('a missing column of scp_statements.csv, a bad fold or sex code are BAD_LABEL_FILE naming the row', () => {
    const noClass = brokenCopy((d) => {
      const f = join(d, 'physionet_original', 'scp_statements.csv');
      writeFileSync(f, readFileSync(f, 'utf8').replace('diagnostic_class', 'klass'));
    });
    expect((thrown(() => loadPtbxlIndex(noClass)) as Error).message).toContain('no column "diagnostic_class"');

    const badFold = brokenCopy((d) => {
      const f = join(d, 'index.csv');
      const lines = readFileSync(f, 'utf8').split('\n');
      lines[1] = lines[1].replace(/,9,physionet_original/, ',11,physionet_original');
      writeFileSync(f, lines.join('\n'));
    });
    const e = thrown(() => loadPtbxlIndex(badFold));
    expect(isEcgDataError(e, 'BAD_LABEL_FILE')).toBe(true);
    expect((e as Error).message).toContain('ecg_id 8');
    expect((e as Error).message).toContain('strat_fold "11"');

    const sexDisagrees = brokenCopy((d) => {
      const f = join(d, 'index.csv');
      const lines = readFileSync(f, 'utf8').split('\n');
      lines[1] = lines[1].replace(',48.0,0,', ',48.0,1,');
      writeFileSync(f, lines.join('\n'));
    });
    expect((thrown(() => loadPtbxlIndex(sexDisagrees)) as Error).message).toContain('hdr_sex Male disagrees with csv_sex_0male_1female 1');
  });

  it('requireDemographics: a record without age is MISSING_DEMOGRAPHICS naming it; otherwise kept and flagged', () => {
    const [e] = loadPtbxlIndex(sample);
    const noAge: PtbxlEntry = { ...e, age: null, ageStatus: '90+/unknown', flags: { ...e.flags, missingAge: true } };
    const err = thrown(() => [...ptbxlExamples([noAge], { leadSet: '12', requireDemographics: true })]);
    expect(isEcgDataError(err, 'MISSING_DEMOGRAPHICS')).toBe(true);
    expect((err as Error).message).toContain('00008_lr');
    const [kept] = ptbxlExamples([noAge], { leadSet: '12' });
    expect(kept).toMatchObject({ age: null, ageStatus: '90+/unknown', flags: { missingAge: true, missingSex: false } });
  });
});

describe('ptbxlPatientSplit rules', () => {
  // Index entries only: the split never reads signals.
  const entries = loadPtbxlIndex(sample);
  const base = entries[0];
  const mk = (ecgId: number, patientId: string | null, stratFold: number | null): PtbxlEntry => ({ ...base, ecgId, patientId, stratFold });

  it('fold wins: a record without a fold follows its patient’s folded records', () => {
    const es = [mk(1, 'p1', 10), mk(2, 'p1', null), mk(3, 'p2', 3), mk(4, 'p2', null), ...Array.from({ length: 20 }, (_, i) => mk(100 + i, null, null))];
    const s = ptbxlPatientSplit(es, { seed: 3 });
    expect(s.test.map((e) => e.ecgId).filter((id) => id < 100)).toEqual([1, 2]);
    expect(s.train.map((e) => e.ecgId).filter((id) => id < 100)).toEqual([3, 4]);
    expect(s.placedBy).toEqual({ fold: 2, patientFold: 2, seeded: 20 });
    expectPatientDisjoint(s);
  });

  it('a patient whose folds point to two sides is BAD_ARGUMENT; fractions are checked', () => {
    expect(isEcgDataError(thrown(() => ptbxlPatientSplit([mk(1, 'p1', 9), mk(2, 'p1', 10)], { seed: 1 })), 'BAD_ARGUMENT')).toBe(true);
    expect(isEcgDataError(thrown(() => ptbxlPatientSplit(entries, { seed: 1, fractions: [0.5, 0.5, 0.5] })), 'BAD_ARGUMENT')).toBe(true);
    expect(isEcgDataError(thrown(() => ptbxlSideOfFold(0)), 'BAD_ARGUMENT')).toBe(true);
  });
});

describe.skipIf(!root)('PTB-XL subset, all 999 records (ecg_id 1-999)', () => {
  // vitest runs a skipped suite's body to collect it: load only when there is a data root.
  const entries = root ? loadPtbxlIndex(root) : [];

  it('999 records: Normal 532 / Abnormal 467; 607 with SCP codes, folds and patient ids', () => {
    expect(entries).toHaveLength(999);
    expect(entries.map((e) => e.ecgId)).toEqual(Array.from({ length: 999 }, (_, i) => i + 1));
    expect(count(entries, (e) => e.normal)).toBe(532);
    expect(count(entries, (e) => !e.normal)).toBe(467);
    expect(count(entries, (e) => e.stratFold !== null)).toBe(607);
    expect(count(entries, (e) => e.scpCodes !== null)).toBe(607);
    expect(count(entries, (e) => e.patientId !== null)).toBe(607);
    expect(new Set(entries.filter((e) => e.patientId).map((e) => e.patientId)).size).toBe(559);
    // The binary label is "NORM among the SCP statements" wherever both exist.
    for (const e of entries) if (e.scpCodes) expect(e.normal, `ecg_id ${e.ecgId}`).toBe('NORM' in e.scpCodes);
  });

  it('superclasses (all likelihoods, as PTB-XL example code): NORM 321, STTC 148, MI 112, CD 107, HYP 60, none 12', () => {
    expect(superclassCounts(entries)).toEqual({ NORM: 321, MI: 112, STTC: 148, CD: 107, HYP: 60 });
    expect(count(entries, (e) => e.flags.noDiagnosticSuperclass)).toBe(12);
    expect(count(entries, (e) => e.flags.missingScpCodes)).toBe(392);
    const strict = loadPtbxlIndex(root!, { minLikelihood: 15, checkRecords: false });
    expect(superclassCounts(strict)).toEqual({ NORM: 321, MI: 112, STTC: 144, CD: 107, HYP: 60 });
    expect(count(strict, (e) => e.flags.noDiagnosticSuperclass)).toBe(13);
  });

  it('sex 527 F / 472 M, all known; age known for 982 (16-91, median 59), 17 are PTB-XL 300 = 90+/unknown', () => {
    expect(count(entries, (e) => e.sex === 'F')).toBe(527);
    expect(count(entries, (e) => e.sex === 'M')).toBe(472);
    expect(count(entries, (e) => e.ageStatus === 'known')).toBe(982);
    expect(count(entries, (e) => e.ageStatus === '90+/unknown')).toBe(17);
    expect(count(entries, (e) => e.flags.missingAge)).toBe(17);
    const ages = entries.flatMap((e) => (e.age === null ? [] : [e.age])).sort((a, b) => a - b);
    expect([ages[0], ages[ages.length - 1], ages[Math.floor(ages.length / 2)]]).toEqual([16, 91, 59]);
    // Header says 300 but the database CSV has the age: the CSV fills it in.
    expect(entries.find((e) => e.ecgId === 279)).toMatchObject({ age: 91, ageStatus: 'known' });
    expect(entries.find((e) => e.ecgId === 108)).toMatchObject({ age: null, ageStatus: '90+/unknown' });
    // Only in PhysioNet's copy (no Challenge header): sex from the CSV's 0/1 code.
    expect(entries.find((e) => e.ecgId === 137)).toMatchObject({ sex: 'F', age: 74, recordRelPath: 'physionet_original/records100/00000/00137_lr' });
  });

  it('fold protocol: 432 train (folds 1-8), 93 validation (fold 9), 82 test (fold 10), patient-disjoint', () => {
    const s = ptbxlFoldSplit(entries);
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([432, 93, 82]);
    expectPatientDisjoint(s);
  });

  it('patient split of all 999: folded records follow folds, no patient crosses sides, seeded and reproducible', () => {
    const s = ptbxlPatientSplit(entries, { seed: 7 });
    expect(s.train.length + s.validation.length + s.test.length).toBe(999);
    expect(new Set([...s.train, ...s.validation, ...s.test].map((e) => e.ecgId)).size).toBe(999);
    expect(s.placedBy).toEqual({ fold: 607, patientFold: 0, seeded: 392 });
    for (const side of ['train', 'validation', 'test'] as const) {
      for (const e of s[side]) if (e.stratFold !== null) expect(ptbxlSideOfFold(e.stratFold)).toBe(side);
    }
    expectPatientDisjoint(s);
    // 392 unfolded records cut 0.8/0.1/0.1 by largest remainder: 314/39/39 on top of 432/93/82.
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([746, 132, 121]);
    const again = ptbxlPatientSplit([...entries].reverse(), { seed: 7 });
    expect(again.test.map((e) => e.ecgId)).toEqual(s.test.map((e) => e.ecgId));
    const other = ptbxlPatientSplit(entries, { seed: 8 });
    expect(other.test.map((e) => e.ecgId)).not.toEqual(s.test.map((e) => e.ecgId));
  });

  it('superclass targets need SCP codes: MISSING_LABEL naming the record', () => {
    const e = entries.find((x) => x.scpCodes === null)!;
    expect(ptbxlTargets(e, 'normal-abnormal')).toHaveLength(1);
    const err = thrown(() => ptbxlTargets(e, 'superclasses'));
    expect(isEcgDataError(err, 'MISSING_LABEL')).toBe(true);
    expect((err as Error).message).toContain(`ecg_id ${e.ecgId}`);
  });

  it('requireDemographics stops at the first record with age 300 (ecg_id 108)', () => {
    const err = thrown(() => {
      for (const ex of ptbxlExamples(entries.slice(100, 120), { leadSet: 'hmic8', requireDemographics: true })) void ex;
    });
    expect(isEcgDataError(err, 'MISSING_DEMOGRAPHICS')).toBe(true);
    expect((err as Error).message).toContain('00108_lr');
  });

  it('every record reads as 12 leads x 1000 samples at 100 Hz with verified checksums', () => {
    let n = 0;
    for (const ex of ptbxlExamples(entries, { leadSet: '12' })) {
      n++;
      if (ex.fs !== 100 || ex.signals.length !== 12 || ex.signals.some((s) => s.length !== 1000)) throw new Error(`${ex.id}: unexpected shape`);
    }
    expect(n).toBe(999);
  }, 60_000);
});
