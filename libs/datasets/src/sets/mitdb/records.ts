/**
 * MIT-BIH record lists of the inter-patient protocol (de Chazal, O'Dwyer & Reilly,
 * IEEE TBME 51(7):1196-1206, 2004), as listed in ../shared/reference/paper.md.
 */
export const MITDB_DS1: readonly string[] = Object.freeze([
  '101', '106', '108', '109', '112', '114', '115', '116', '118', '119', '122',
  '124', '201', '203', '205', '207', '208', '209', '215', '220', '223', '230',
]);

export const MITDB_DS2: readonly string[] = Object.freeze([
  '100', '103', '105', '111', '113', '117', '121', '123', '200', '202', '210',
  '212', '213', '214', '219', '221', '222', '228', '231', '232', '233', '234',
]);

/** Records with paced beats; AAMI recommends excluding them. */
export const MITDB_PACED: readonly string[] = Object.freeze(['102', '104', '107', '217']);

export const MITDB_ALL: readonly string[] = Object.freeze([...MITDB_DS1, ...MITDB_DS2, ...MITDB_PACED].sort());

/**
 * Patient of a record. Records 201 and 202 come from the same man (MIT-BIH
 * directory); every other record is its own patient. de Chazal's split puts 201
 * in DS1 and 202 in DS2, so that one patient crosses DS1/DS2 in the published
 * protocol: kept as published, documented here.
 */
export function mitdbPatientOf(record: string): string {
  return record === '202' ? '201' : record;
}
