import { describe, expect, it } from 'vitest';
import { testSetSize } from './metrics-report';

describe('testSetSize', () => {
  it('counts beats and the records they come from', () => {
    expect(testSetSize({ examples: 49692, groups: 22, groupUnit: 'records' }, 'beats')).toBe('49692 beats, 22 records');
  });
  it('counts a record classifier\'s records once', () => {
    expect(testSetSize({ examples: 683, groups: 683, groupUnit: 'records' }, 'records')).toBe('683 records');
  });
  it('keeps both counts when records are grouped by patient', () => {
    expect(testSetSize({ examples: 120, groups: 118, groupUnit: 'patients' }, 'records')).toBe('120 records, 118 patients');
  });
});
