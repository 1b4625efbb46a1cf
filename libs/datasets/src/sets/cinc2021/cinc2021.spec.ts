import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledSampleRoot, testDataRoot } from '../../data-root';
import { isEcgDataError } from '../../errors';
import { LEAD_SETS } from '../leads';
import { cinc2021Examples } from './cinc2021-examples';
import { CINC2021_SAMPLE_DIR, loadCinc2021Records, type Cinc2021Entry } from './cinc2021-records';
import { CINC2021_SCORED_CLASSES, dxClassAbbreviation, loadDxMap } from './dx-map';
import { classColumns, multiHot, multiHotRow } from './multi-hot';

const root = testDataRoot();
const sampleDir = join(bundledSampleRoot(), CINC2021_SAMPLE_DIR);

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

/** Positive count per scored class, by abbreviation. */
function classCounts(entries: readonly Cinc2021Entry[]): Record<string, number> {
  const rows = multiHot(entries, CINC2021_SCORED_CLASSES);
  const out: Record<string, number> = {};
  CINC2021_SCORED_CLASSES.forEach((cls, j) => {
    const n = rows.reduce((s, r) => s + r[j], 0);
    if (n > 0) out[dxClassAbbreviation(cls)] = n;
  });
  return out;
}

/** MAT v4 `val` (12 x 5000 int16, column-major = interleaved) after its 24-byte header, 1000 units per mV. */
function rawLead(recordPath: string, lead: number, n: number): number[] {
  const buf = readFileSync(recordPath + '.mat');
  return Array.from({ length: n }, (_, t) => buf.readInt16LE(24 + (t * 12 + lead) * 2) / 1000);
}

describe('SNOMED CT table of the Challenge 2021', () => {
  const map = loadDxMap();

  it('133 codes, 30 scored in 26 classes, the same classes as CINC2021_SCORED_CLASSES', () => {
    expect(map.size).toBe(133);
    const scored = [...map.values()].filter((d) => d.scored);
    expect(scored).toHaveLength(30);
    expect(new Set(scored.map((d) => d.scoredClass))).toEqual(new Set(CINC2021_SCORED_CLASSES));
    expect(CINC2021_SCORED_CLASSES).toHaveLength(26);
    expect([...map.values()].filter((d) => !d.scored).every((d) => d.scoredClass === null)).toBe(true);
  });

  it('equivalent pairs are scored as one class', () => {
    for (const [a, b] of [['713427006', '59118001'], ['284470004', '63593006'], ['427172004', '17338001'], ['733534002', '164909002']]) {
      expect(map.get(a)!.scoredClass).toBe(`${a}|${b}`);
      expect(map.get(b)!.scoredClass).toBe(`${a}|${b}`);
    }
    expect(dxClassAbbreviation('713427006|59118001')).toBe('CRBBB|RBBB');
    expect(map.get('426783006')).toEqual({ code: '426783006', abbreviation: 'NSR', name: 'sinus rhythm', scored: true, scoredClass: '426783006' });
    expect(map.get('67741000119109')).toMatchObject({ abbreviation: 'LAE', name: 'left atrial enlargement', scored: false });
  });
});

describe('multiHot', () => {
  it('one column per class, either code of a pair sets it, other codes are ignored', () => {
    const cols = classColumns(CINC2021_SCORED_CLASSES);
    const rbbb = CINC2021_SCORED_CLASSES.indexOf('713427006|59118001');
    expect(cols.get('59118001')).toBe(rbbb);
    expect(cols.get('713427006')).toBe(rbbb);
    const [r1, r2] = multiHot([{ dxCodes: ['59118001', '67741000119109'] }, { dxCodes: [] }], CINC2021_SCORED_CLASSES);
    expect(Array.from(r1).reduce((a, b) => a + b)).toBe(1);
    expect(r1[rbbb]).toBe(1);
    expect(Array.from(r2).every((v) => v === 0)).toBe(true);
    expect(multiHotRow(['164889003', '164889003'], ['164889003', '426783006'])).toEqual(Float32Array.of(1, 0));
  });

  it('an empty class list or a code in two classes is BAD_ARGUMENT', () => {
    expect(isEcgDataError(thrown(() => classColumns([])), 'BAD_ARGUMENT')).toBe(true);
    expect(isEcgDataError(thrown(() => classColumns(['1|2', '2'])), 'BAD_ARGUMENT')).toBe(true);
  });
});

describe('CinC 2021 on the bundled sample (6 records)', () => {
  const entries = loadCinc2021Records(sampleDir);

  it('reads age, sex and named Dx codes from the headers', () => {
    expect(entries.map((e) => e.name)).toEqual(['E07500', 'E07501', 'HR06000', 'HR06001', 'JS20000', 'JS20001']);
    expect(entries[0]).toMatchObject({
      name: 'E07500',
      path: join(sampleDir, 'E07500'),
      fs: 500,
      nSamples: 5000,
      age: 78,
      ageStatus: 'known',
      sex: 'M',
      dxCodes: ['67741000119109', '426177001'],
      dxNames: ['left atrial enlargement', 'sinus bradycardia'],
      dxAbbreviations: ['LAE', 'SB'],
      unknownDxCodes: [],
      flags: { missingAge: false, missingSex: false, missingDx: false, unknownDx: false },
    });
    expect(entries[2]).toMatchObject({ name: 'HR06000', age: 59, sex: 'F', dxCodes: ['164934002', '426783006'] });
    expect(entries.filter((e) => e.sex === 'F')).toHaveLength(3);
    expect(classCounts(entries)).toEqual({ NSIVCB: 2, NSR: 2, 'PAC|SVPB': 2, SB: 1, STach: 3, TAb: 1 });
  });

  it('examples: 12 or 8 leads x 5000 samples at 500 Hz equal to the MAT file, targets over the 26 classes', () => {
    const [ex] = cinc2021Examples(entries.slice(0, 1), { leadSet: '12' });
    expect(ex).toMatchObject({ id: 'cinc2021/E07500', fs: 500, nSamples: 5000, age: 78, sex: 'M', patientId: null });
    expect(ex.leadNames).toEqual(LEAD_SETS['12']);
    expect(ex.targets).toHaveLength(26);
    expect(ex.targets[CINC2021_SCORED_CLASSES.indexOf('426177001')]).toBe(1);
    expect(Array.from(ex.targets).reduce((a, b) => a + b)).toBe(1); // LAE is unscored
    const [ex8] = cinc2021Examples(entries.slice(4, 5), { leadSet: 'hmic8', classList: ['427084000', '284470004|63593006'] });
    expect(ex8.leadNames).toEqual(LEAD_SETS.hmic8);
    expect(ex8.targets).toEqual(Float32Array.of(1, 1)); // JS20000: PAC, STach, ...
    // V6 is lead 11 of the file and lead 7 of hmic8.
    expect(Array.from(ex8.signals[7].subarray(0, 50))).toEqual(rawLead(entries[4].path, 11, 50).map(Math.fround));
  });
});

describe('CinC 2021 edge cases (copies of a real record with edited header comments)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'cinc2021-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  function copyRecord(dir: string, name: string, editHeader: (text: string) => string = (t) => t): void {
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(sampleDir, 'E07500.mat'), join(dir, `${name}.mat`));
    const text = readFileSync(join(sampleDir, 'E07500.hea'), 'latin1').replaceAll('E07500', name);
    writeFileSync(join(dir, `${name}.hea`), editHeader(text));
  }

  it('unknown codes are kept and flagged; NaN age and Unknown sex are null and flagged', () => {
    const dir = join(tmp, 'edge');
    copyRecord(dir, 'X00001', (t) => t.replace('# Age: 78', '# Age: NaN').replace('# Sex: Male', '# Sex: Unknown').replace('# Dx: 67741000119109,426177001', '# Dx: 999999999,426177001'));
    copyRecord(dir, 'X00002', (t) => t.replace('# Age: 78', '# Age: 300').replace('# Dx: 67741000119109,426177001', '# Dx: Unknown'));
    const [a, b] = loadCinc2021Records(dir);
    expect(a).toMatchObject({
      age: null,
      ageStatus: 'missing',
      sex: null,
      dxCodes: ['999999999', '426177001'],
      dxNames: ['999999999', 'sinus bradycardia'],
      unknownDxCodes: ['999999999'],
      flags: { missingAge: true, missingSex: true, missingDx: false, unknownDx: true },
    });
    expect(b).toMatchObject({ age: null, ageStatus: '90+/unknown', sex: 'M', dxCodes: [], flags: { missingAge: true, missingDx: true } });

    const [kept] = cinc2021Examples([a], { leadSet: '12' });
    expect(kept.flags).toMatchObject({ missingAge: true, missingSex: true, unknownDx: true });
    const err = thrown(() => [...cinc2021Examples([a], { leadSet: '12', requireDemographics: true })]);
    expect(isEcgDataError(err, 'MISSING_DEMOGRAPHICS')).toBe(true);
    expect((err as Error).message).toContain('X00001');
    expect((err as Error).message).toContain('age and sex unknown');
  });

  it('subfolders only with recursive; a name used twice is BAD_HEADER; no folder or no records is MISSING_FILE', () => {
    const dir = join(tmp, 'tree');
    copyRecord(dir, 'A1');
    copyRecord(join(dir, 'g1'), 'B1');
    expect(loadCinc2021Records(dir).map((e) => e.name)).toEqual(['A1']);
    expect(loadCinc2021Records(dir, { recursive: true }).map((e) => e.name)).toEqual(['A1', 'B1']);
    copyRecord(join(dir, 'g2'), 'A1');
    expect(isEcgDataError(thrown(() => loadCinc2021Records(dir, { recursive: true })), 'BAD_HEADER')).toBe(true);
    expect(isEcgDataError(thrown(() => loadCinc2021Records(join(tmp, 'absent'))), 'MISSING_FILE')).toBe(true);
    mkdirSync(join(tmp, 'empty'));
    expect(isEcgDataError(thrown(() => loadCinc2021Records(join(tmp, 'empty'))), 'MISSING_FILE')).toBe(true);
  });
});

describe.skipIf(!root)('CinC 2021 sample, 50 records (Georgia, PTB-XL, Ningbo)', () => {
  // vitest runs a skipped suite's body to collect it: load only when there is a data root.
  const entries = root ? loadCinc2021Records(join(root, CINC2021_SAMPLE_DIR)) : [];

  it('50 records: 27 F / 23 M, ages 5-89 all known, every Dx code in the table', () => {
    expect(entries).toHaveLength(50);
    expect(entries.filter((e) => e.sex === 'F')).toHaveLength(27);
    expect(entries.filter((e) => e.sex === 'M')).toHaveLength(23);
    expect(entries.every((e) => e.ageStatus === 'known')).toBe(true);
    const ages = entries.map((e) => e.age!).sort((a, b) => a - b);
    expect([ages[0], ages[49]]).toEqual([5, 89]);
    expect(entries.filter((e) => e.flags.unknownDx || e.flags.missingDx)).toEqual([]);
    expect(new Set(entries.flatMap((e) => e.dxCodes)).size).toBe(25);
  });

  it('scored class counts; E07505 and E07519 (LVH only) have no scored class', () => {
    expect(classCounts(entries)).toEqual({
      'CRBBB|RBBB': 2,
      IRBBB: 1,
      LQT: 2,
      NSIVCB: 9,
      NSR: 15,
      'PAC|SVPB': 20,
      PRWP: 1,
      'PVC|VPB': 5,
      SA: 1,
      SB: 7,
      STach: 23,
      TAb: 10,
      TInv: 5,
    });
    const rows = multiHot(entries, CINC2021_SCORED_CLASSES);
    expect(entries.filter((_, i) => rows[i].every((v) => v === 0)).map((e) => e.name)).toEqual(['E07505', 'E07519']);
  });

  it('every record reads as 8 HMIC leads x 5000 samples at 500 Hz with verified checksums', () => {
    let n = 0;
    for (const ex of cinc2021Examples(entries, { leadSet: 'hmic8', requireDemographics: true })) {
      n++;
      if (ex.fs !== 500 || ex.signals.length !== 8 || ex.signals.some((s) => s.length !== 5000)) throw new Error(`${ex.id}: unexpected shape`);
    }
    expect(n).toBe(50);
  }, 60_000);
});
