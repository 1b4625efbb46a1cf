import type { AgeStatus, Demographics, Sex } from '../types';

/** Age 300 is PTB-XL's (and the challenges') placeholder for "90 or older, or unknown". */
const AGE_PLACEHOLDER_90_PLUS = 300;

function parseSex(token: string | undefined): Sex | null {
  const t = (token ?? '').trim().toLowerCase();
  if (t === 'm' || t === 'male') return 'M';
  if (t === 'f' || t === 'female') return 'F';
  return null;
}

function parseAge(token: string | undefined): { age: number | null; ageStatus: AgeStatus } {
  const v = Number((token ?? '').trim());
  if (!token || token.trim() === '' || !Number.isFinite(v) || v < 0) return { age: null, ageStatus: 'missing' };
  if (v === AGE_PLACEHOLDER_90_PLUS) return { age: null, ageStatus: '90+/unknown' };
  if (v > 130) return { age: null, ageStatus: 'missing' };
  return { age: v, ageStatus: 'known' };
}

/**
 * Demographics and labels from WFDB header comments, in the two conventions met in practice:
 * MIT-BIH's first comment `<age> <sex> ...` ("69 M 1085 1629 x1"; age may be "?") and the
 * challenges' `Age: 78`, `Sex: Male`, `Dx: 164889003,59118001` (PTB-XL's rewrite has no space: `Age: 56`).
 */
export function parseHeaderComments(comments: readonly string[]): { demographics: Demographics; labels: string[] } {
  let ageTok: string | undefined;
  let sexTok: string | undefined;
  let labels: string[] = [];
  let keyed = false;
  for (const c of comments) {
    const m = /^([A-Za-z]+)\s*:\s*(.*)$/.exec(c);
    if (!m) continue;
    const key = m[1].toLowerCase();
    if (key === 'age') (ageTok = m[2]), (keyed = true);
    else if (key === 'sex' || key === 'gender') (sexTok = m[2]), (keyed = true);
    else if (key === 'dx') {
      labels = m[2].split(',').map((s) => s.trim()).filter((s) => s !== '' && s.toLowerCase() !== 'unknown');
      keyed = true;
    }
  }
  if (!keyed && comments.length > 0) {
    // MIT-BIH style: "69 M 1085 1629 x1" or "? F ..."
    const m = /^(\S+)\s+([MFmf])(?:\s|$)/.exec(comments[0]);
    if (m) (ageTok = m[1]), (sexTok = m[2]);
  }
  const { age, ageStatus } = parseAge(ageTok);
  return { demographics: { age, ageStatus, sex: parseSex(sexTok) }, labels };
}
