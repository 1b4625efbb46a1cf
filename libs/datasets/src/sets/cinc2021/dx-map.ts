import { join } from 'node:path';
import { EcgDataError } from '../../errors';
import { readCsvTable } from '../ptbxl/csv-table';

/** One SNOMED CT diagnosis of the Challenge 2021 headers (see libs/datasets/data/README.md). */
export interface DxInfo {
  code: string;
  abbreviation: string;
  name: string;
  /** Scored in the Challenge 2021 metric. */
  scored: boolean;
  /** The scored class this code counts for ("713427006|59118001" for RBBB), null when unscored. */
  scoredClass: string | null;
}

/** The committed table: the Challenge 2021 dx_mapping_scored.csv + dx_mapping_unscored.csv. */
export const DEFAULT_DX_MAP_FILE = join(__dirname, '..', '..', '..', 'data', 'snomed-ct-dx-map.csv');

/**
 * The 26 scored classes of the Challenge 2021, in the column order of its weights.csv.
 * Four classes join two codes the Challenge scores as one diagnosis: CLBBB~LBBB,
 * CRBBB~RBBB, PAC~SVPB, PVC~VPB.
 */
export const CINC2021_SCORED_CLASSES: readonly string[] = Object.freeze([
  '164889003', '164890007', '6374002', '426627000', '733534002|164909002', '713427006|59118001',
  '270492004', '713426002', '39732003', '445118002', '164947007', '251146004', '111975006',
  '698252002', '426783006', '284470004|63593006', '10370003', '365413008', '427172004|17338001',
  '164917005', '47665007', '427393009', '426177001', '427084000', '164934002', '59931005',
]);

const cache = new Map<string, ReadonlyMap<string, DxInfo>>();

/** SNOMED CT code -> diagnosis, read once per file. */
export function loadDxMap(file: string = DEFAULT_DX_MAP_FILE): ReadonlyMap<string, DxInfo> {
  const hit = cache.get(file);
  if (hit) return hit;
  const table = readCsvTable(file, ['snomed_ct_code', 'abbreviation', 'name', 'scored', 'scored_class'], 'SNOMED CT dx table');
  const map = new Map<string, DxInfo>();
  table.rows.forEach((r, i) => {
    if (!/^\d+$/.test(r.snomed_ct_code)) throw new EcgDataError('BAD_LABEL_FILE', file, `data row ${i + 1}: snomed_ct_code "${r.snomed_ct_code}" is not a number`);
    if (map.has(r.snomed_ct_code)) throw new EcgDataError('BAD_LABEL_FILE', file, `data row ${i + 1}: code ${r.snomed_ct_code} is listed twice`);
    if (r.scored !== '0' && r.scored !== '1') throw new EcgDataError('BAD_LABEL_FILE', file, `data row ${i + 1}: scored "${r.scored}" is not 0 or 1`);
    const scored = r.scored === '1';
    map.set(r.snomed_ct_code, {
      code: r.snomed_ct_code,
      abbreviation: r.abbreviation,
      name: r.name,
      scored,
      scoredClass: scored ? r.scored_class || r.snomed_ct_code : null,
    });
  });
  cache.set(file, map);
  return map;
}

/** Readable name of a class ("713427006|59118001" -> "CRBBB|RBBB"); unknown codes stay codes. */
export function dxClassAbbreviation(cls: string, map: ReadonlyMap<string, DxInfo> = loadDxMap()): string {
  return cls
    .split('|')
    .map((c) => map.get(c)?.abbreviation ?? c)
    .join('|');
}
