import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledSampleRoot } from '../data-root';
import { isEcgDataError } from '../errors';
import { readWfdbRecord } from '../wfdb/record';
import { LEAD_SETS, checkDemographics, isLeadSet, leadChannels, selectLeads } from './leads';

const sample = bundledSampleRoot();
// PTB-XL writes AVR/AVL/AVF in capitals; the challenges write aVR.
const ptbxlRecord = () => readWfdbRecord(join(sample, 'ptbxl_subset', 'ecg-image-kit_challenge2024', '00000', '00008_lr'));
const cincRecord = () => readWfdbRecord(join(sample, 'cinc2021_sample', 'E07500'));

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('lead sets', () => {
  it('12 leads and the 8 HMIC leads in canonical order', () => {
    expect(LEAD_SETS['12']).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    expect(LEAD_SETS.hmic8).toEqual(['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    expect(isLeadSet('12') && isLeadSet('hmic8')).toBe(true);
    expect(isLeadSet('toString')).toBe(false);
  });

  it('matches PTB-XL upper-case names case-insensitively and renames to canonical spelling', () => {
    const rec = ptbxlRecord();
    expect(rec.signalNames).toEqual(['I', 'II', 'III', 'AVR', 'AVL', 'AVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    const twelve = selectLeads(rec, '12');
    expect(twelve.signalNames).toEqual(LEAD_SETS['12']);
    twelve.signals.forEach((s, i) => expect(s).toBe(rec.signals[i]));
  });

  it('hmic8 keeps I, II, V1-V6 with their gains, units and checks', () => {
    const rec = cincRecord();
    const eight = selectLeads(rec, 'hmic8');
    const idx = [0, 1, 6, 7, 8, 9, 10, 11];
    expect(leadChannels(rec.signalNames, 'hmic8', rec.name)).toEqual(idx);
    expect(eight.signalNames).toEqual(LEAD_SETS.hmic8);
    eight.signals.forEach((sig, k) => expect(sig).toBe(rec.signals[idx[k]]));
    expect(eight.gains).toEqual(idx.map((i) => rec.gains[i]));
    expect(eight.baselines).toEqual(idx.map((i) => rec.baselines[i]));
    expect(eight.units).toEqual(idx.map((i) => rec.units[i]));
    expect(eight.checks.perSignal).toEqual(idx.map((i) => rec.checks.perSignal[i]));
    expect(eight.nSamples).toBe(5000);
    expect(rec.signalNames).toHaveLength(12); // the input is not changed
  });

  it('a reordered record comes back in canonical order', () => {
    const rec = cincRecord();
    const order = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
    const shuffledRec = { ...rec, signalNames: order.map((i) => rec.signalNames[i]), signals: order.map((i) => rec.signals[i]), gains: order.map((i) => rec.gains[i]), units: order.map((i) => rec.units[i]), baselines: order.map((i) => rec.baselines[i]), checks: { ...rec.checks, perSignal: order.map((i) => rec.checks.perSignal[i]) } };
    const back = selectLeads(shuffledRec, '12');
    back.signals.forEach((sig, i) => expect(sig).toBe(rec.signals[i]));
    expect(back.signalNames).toEqual(LEAD_SETS['12']);
  });

  it('a missing lead is MISSING_LEAD naming the record and the lead', () => {
    const mit = readWfdbRecord(join(sample, 'mitdb', '100'), { sampTo: 100, verify: 'skip' });
    const e = thrown(() => selectLeads(mit, 'hmic8'));
    expect(isEcgDataError(e, 'MISSING_LEAD')).toBe(true);
    expect((e as Error).message).toContain(join('mitdb', '100'));
    expect((e as Error).message).toContain('no lead I ');
  });

  it('a lead listed twice is BAD_HEADER; an unknown lead set is BAD_ARGUMENT', () => {
    const rec = cincRecord();
    const names = [...rec.signalNames];
    names[2] = 'ii';
    expect(isEcgDataError(thrown(() => leadChannels(names, '12', 'E07500')), 'BAD_HEADER')).toBe(true);
    expect(isEcgDataError(thrown(() => leadChannels(rec.signalNames, '15' as never, 'E07500')), 'BAD_ARGUMENT')).toBe(true);
  });
});

describe('checkDemographics', () => {
  it('passes when not required or when both are known; names the record and what is missing', () => {
    expect(() => checkDemographics('r1', null, null, false)).not.toThrow();
    expect(() => checkDemographics('r1', 50, 'F', true)).not.toThrow();
    const e = thrown(() => checkDemographics('rec/17', null, 'M', true));
    expect(isEcgDataError(e, 'MISSING_DEMOGRAPHICS')).toBe(true);
    expect((e as Error).message).toMatch(/^rec\/17: MISSING_DEMOGRAPHICS: age unknown/);
  });
});
