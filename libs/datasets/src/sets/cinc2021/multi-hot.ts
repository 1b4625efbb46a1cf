import { EcgDataError } from '../../errors';

/**
 * Column of each code in a class list. A class is a code or codes joined by "|"
 * that count as one diagnosis ("713427006|59118001"). A code in two classes is an error.
 */
export function classColumns(classList: readonly string[]): Map<string, number> {
  if (classList.length === 0) throw new EcgDataError('BAD_ARGUMENT', 'multiHot', 'class list is empty');
  const column = new Map<string, number>();
  classList.forEach((cls, j) => {
    for (const code of cls.split('|').map((c) => c.trim())) {
      if (code === '') throw new EcgDataError('BAD_ARGUMENT', 'multiHot', `class ${j} ("${cls}") has an empty code`);
      if (column.has(code)) throw new EcgDataError('BAD_ARGUMENT', 'multiHot', `code ${code} is in classes ${column.get(code)} and ${j}`);
      column.set(code, j);
    }
  });
  return column;
}

/** 0/1 row over `classList` for one record's codes; codes outside the list are ignored. */
export function multiHotRow(codes: readonly string[], classList: readonly string[], columns: Map<string, number> = classColumns(classList)): Float32Array {
  const row = new Float32Array(classList.length);
  for (const code of codes) {
    const j = columns.get(code);
    if (j !== undefined) row[j] = 1;
  }
  return row;
}

/** Multi-hot target rows, one per entry, over `classList` (e.g. CINC2021_SCORED_CLASSES). */
export function multiHot(entries: readonly { dxCodes: readonly string[] }[], classList: readonly string[]): Float32Array[] {
  const columns = classColumns(classList);
  return entries.map((e) => multiHotRow(e.dxCodes, classList, columns));
}
