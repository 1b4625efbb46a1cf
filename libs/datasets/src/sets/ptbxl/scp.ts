import { EcgDataError } from '../../errors';
import { readCsvTable } from './csv-table';

/** PTB-XL's five diagnostic superclasses, in the order of the PTB-XL paper. */
export type PtbxlSuperclass = 'NORM' | 'MI' | 'STTC' | 'CD' | 'HYP';
export const PTBXL_SUPERCLASSES: readonly PtbxlSuperclass[] = Object.freeze(['NORM', 'MI', 'STTC', 'CD', 'HYP']);

export function isPtbxlSuperclass(s: string): s is PtbxlSuperclass {
  return (PTBXL_SUPERCLASSES as readonly string[]).includes(s);
}

/** SCP-ECG statement code -> likelihood (0-100; 0 means "likelihood not given", not "absent"). */
export type ScpCodes = Record<string, number>;

/**
 * Parse PTB-XL's `scp_codes` column, a Python dict literal such as
 * `{'NORM': 100.0, 'LVOLT': 0.0, 'SR': 0.0}`. `where` names the row in errors.
 */
export function parseScpCodes(text: string, where: string): ScpCodes {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) throw new EcgDataError('BAD_LABEL_FILE', where, `scp_codes is not a dict literal: "${text}"`);
  const body = t.slice(1, -1).trim();
  const out: ScpCodes = {};
  if (body === '') return out;
  for (const item of body.split(',')) {
    const m = /^\s*'([^']+)'\s*:\s*([-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)\s*$/.exec(item);
    if (!m) throw new EcgDataError('BAD_LABEL_FILE', where, `scp_codes entry "${item.trim()}" is not 'CODE': number`);
    out[m[1]] = Number(m[2]);
  }
  return out;
}

/** The diagnostic statements of scp_statements.csv: code -> superclass. */
export type DiagnosticStatements = ReadonlyMap<string, PtbxlSuperclass>;

/**
 * Diagnostic statements (`diagnostic == 1`) of PTB-XL's scp_statements.csv with their
 * `diagnostic_class`. Statements that are only form or rhythm (SR, AFIB, ...) have no
 * diagnostic class and are left out, as in PTB-XL's example code. The code column has an empty header in the file.
 */
export function loadScpStatements(file: string): DiagnosticStatements {
  const table = readCsvTable(file, ['diagnostic', 'diagnostic_class'], 'PTB-XL scp_statements.csv');
  const codeColumn = table.columns[0];
  const out = new Map<string, PtbxlSuperclass>();
  table.rows.forEach((row, i) => {
    const code = row[codeColumn];
    if (!code) throw new EcgDataError('BAD_LABEL_FILE', file, `data row ${i + 1}: empty statement code in column 1`);
    const diagnostic = row.diagnostic === '' ? 0 : Number(row.diagnostic);
    if (diagnostic !== 1) return;
    const cls = row.diagnostic_class;
    if (!isPtbxlSuperclass(cls)) {
      throw new EcgDataError('BAD_LABEL_FILE', file, `statement ${code}: diagnostic_class "${cls}" is not one of ${PTBXL_SUPERCLASSES.join(', ')}`);
    }
    out.set(code, cls);
  });
  return out;
}

/**
 * Diagnostic superclasses of one record, in PTBXL_SUPERCLASSES order.
 *
 * Likelihood threshold: PTB-XL's `example_physionet.py` (`aggregate_diagnostic`) keeps
 * every diagnostic statement whatever its likelihood, and so does the default here
 * (minLikelihood 0). In PTB-XL a likelihood of 0 means "not stated", so a threshold > 0
 * drops statements that cardiologists did make: on ecg_id 1-999 any threshold in (0, 15]
 * drops 4 STTC labels (one record is left with no superclass), 50 drops 33 MI labels.
 */
export function diagnosticSuperclasses(codes: ScpCodes, statements: DiagnosticStatements, minLikelihood = 0): PtbxlSuperclass[] {
  const found = new Set<PtbxlSuperclass>();
  for (const [code, likelihood] of Object.entries(codes)) {
    const cls = statements.get(code);
    if (cls && likelihood >= minLikelihood) found.add(cls);
  }
  return PTBXL_SUPERCLASSES.filter((c) => found.has(c));
}
