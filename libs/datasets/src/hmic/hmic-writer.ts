import { writeFileSync } from 'node:fs';
import { EcgDataError } from '../errors';
import { HMIC_LEADS, HMIC_MV_PER_UNIT, type HmicLabelRow } from './hmic-format';

/** Write 8 signals in mV (order I, II, V1-V6) as an HMIC text record, rounding to 4.88 uV units. */
export function writeHmicRecord(path: string, signalsMv: readonly Float32Array[]): void {
  if (signalsMv.length !== HMIC_LEADS.length) throw new EcgDataError('BAD_ARGUMENT', path, `HMIC records have ${HMIC_LEADS.length} leads, got ${signalsMv.length}`);
  const n = signalsMv[0].length;
  if (signalsMv.some((s) => s.length !== n)) throw new EcgDataError('BAD_ARGUMENT', path, 'signals differ in length');
  const lines: string[] = [HMIC_LEADS.join(' ')];
  const row: number[] = new Array(HMIC_LEADS.length);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < row.length; i++) {
      const v = signalsMv[i][j];
      if (!Number.isFinite(v)) throw new EcgDataError('NAN_SAMPLES', path, `lead ${HMIC_LEADS[i]} sample ${j} is ${v}`);
      row[i] = Math.round(v / HMIC_MV_PER_UNIT) + 0; // + 0 turns -0 into 0
    }
    lines.push(row.join(' '));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

/** Write an HMIC label file: `id.txt<TAB>age<TAB>FEMALE|MALE<TAB>label...` per record. */
export function writeHmicLabelFile(path: string, rows: readonly ({ id: string } & HmicLabelRow)[]): void {
  const lines = rows.map((r) => {
    if (/[\t\r\n]/.test(r.id + r.labels.join(''))) throw new EcgDataError('BAD_ARGUMENT', path, `record ${r.id}: ids and labels cannot hold tabs or newlines`);
    const sex = r.sex === 'M' ? 'MALE' : r.sex === 'F' ? 'FEMALE' : '';
    return [`${r.id}.txt`, r.age === null ? '' : String(r.age), sex, ...r.labels].join('\t');
  });
  writeFileSync(path, lines.join('\n') + '\n');
}
