import { describe, expect, it } from 'vitest';
import { parseHeaderComments } from './comments';

describe('parseHeaderComments', () => {
  it('reads MIT-BIH age and sex from the first comment', () => {
    expect(parseHeaderComments(['69 M 1085 1629 x1', 'Aldomet, Inderal']).demographics).toEqual({ age: 69, ageStatus: 'known', sex: 'M' });
    expect(parseHeaderComments(['? F 1000 1000 x1']).demographics).toEqual({ age: null, ageStatus: 'missing', sex: 'F' });
  });

  it('reads challenge Age/Sex/Dx lines with or without a space after the colon', () => {
    const r = parseHeaderComments(['Age: 78', 'Sex: Male', 'Dx: 67741000119109,426177001', 'Rx: Unknown']);
    expect(r.demographics).toEqual({ age: 78, ageStatus: 'known', sex: 'M' });
    expect(r.labels).toEqual(['67741000119109', '426177001']);
    expect(parseHeaderComments(['Age: 56', 'Sex: Female', 'Dx: Normal']).labels).toEqual(['Normal']);
  });

  it('reads PTB-XL age 300 as 90+/unknown and Unknown/NaN as missing', () => {
    expect(parseHeaderComments(['Age: 300', 'Sex: Female']).demographics).toEqual({ age: null, ageStatus: '90+/unknown', sex: 'F' });
    expect(parseHeaderComments(['Age: NaN', 'Sex: Unknown']).demographics).toEqual({ age: null, ageStatus: 'missing', sex: null });
    expect(parseHeaderComments([]).demographics).toEqual({ age: null, ageStatus: 'missing', sex: null });
  });
});
