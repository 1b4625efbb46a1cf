import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { EcgDataError } from '../errors';
import type { Demographics, EcgRecord, Sex } from '../types';
import { type MatValue, parseMat5 } from './mat5';

/** CPSC 2018 lead order (the `data` rows). */
export const CPSC2018_LEADS = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'] as const;
export const CPSC2018_FS = 500;

function sexFrom(value: MatValue | undefined): Sex | null {
  if (value?.kind !== 'char') return null;
  const s = value.text.trim().toLowerCase();
  if (s === 'male' || s === 'm') return 'M';
  if (s === 'female' || s === 'f') return 'F';
  return null;
}

function ageFrom(value: MatValue | undefined): number | null {
  if (value?.kind !== 'numeric' || value.real.length !== 1) return null;
  const age = value.real[0];
  return Number.isFinite(age) && age >= 0 ? age : null;
}

/**
 * Read an original CPSC 2018 .mat file: a MAT v5 struct `ECG` with `sex` ('Male'/'Female'),
 * `age` (double) and `data` (12 x N doubles, already in mV, 500 Hz). No labels are inside
 * the file (they live in REFERENCE.csv), and there is no checksum to verify.
 */
export function readCpsc2018Record(matPath: string): EcgRecord {
  if (!existsSync(matPath)) throw new EcgDataError('MISSING_FILE', matPath, 'CPSC 2018 .mat file not found');
  const mat = parseMat5(readFileSync(matPath), matPath);
  const ecg = mat.variables.get('ECG');
  if (ecg?.kind !== 'struct' || ecg.elements.length !== 1) {
    throw new EcgDataError('BAD_MAT', matPath, "no 1x1 struct variable 'ECG' (CPSC 2018 layout)");
  }
  const fields = ecg.elements[0];
  const data = fields.data;
  if (data?.kind !== 'numeric' || data.dims.length !== 2 || data.dims[0] !== CPSC2018_LEADS.length) {
    const found = data && data.kind !== 'empty' ? `[${data.dims.join(' x ')}] ${data.kind}` : 'nothing';
    throw new EcgDataError('BAD_MAT', matPath, `ECG.data must be a numeric 12 x N array, found ${found}`);
  }
  const nLeads = CPSC2018_LEADS.length;
  const nSamples = data.dims[1];
  const signals = CPSC2018_LEADS.map(() => new Float32Array(nSamples));
  const real = data.real;
  for (let j = 0; j < nSamples; j++) {
    for (let i = 0; i < nLeads; i++) {
      const v = real[i + j * nLeads]; // column-major: one column per sample
      if (!Number.isFinite(v)) throw new EcgDataError('NAN_SAMPLES', matPath, `lead ${CPSC2018_LEADS[i]} sample ${j} is ${v}`);
      signals[i][j] = v;
    }
  }

  const age = ageFrom(fields.age);
  const demographics: Demographics = { age, ageStatus: age === null ? 'missing' : 'known', sex: sexFrom(fields.sex) };
  return {
    name: basename(matPath).replace(/\.mat$/i, ''),
    path: matPath.replace(/\.mat$/i, ''),
    fs: CPSC2018_FS,
    nSamples,
    signalNames: [...CPSC2018_LEADS],
    units: CPSC2018_LEADS.map(() => 'mV'),
    // values are stored in physical units already: one "digital" unit per mV, no offset
    gains: CPSC2018_LEADS.map(() => 1),
    baselines: CPSC2018_LEADS.map(() => 0),
    signals,
    demographics,
    labels: [],
    comments: [],
    checks: { checksum: 'absent', initialValue: 'absent', perSignal: CPSC2018_LEADS.map(() => ({ checksum: 'absent', initialValue: 'absent' })) },
  };
}
