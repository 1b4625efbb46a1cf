import { describe, expect, it } from 'vitest';
import { SignalError } from '../errors';
import { detectionScores, evaluateRecord, matchBeats, pooledScores, vfEpisodes } from './evaluation';

// fs = 1000 Hz so samples read as milliseconds; the EC57 window is 150 ms.
describe('matchBeats', () => {
  it('counts exact and near matches, misses and false alarms', () => {
    const m = matchBeats([1000, 2000, 3000, 4000], [1010, 2150, 3151, 3500, 4000], 1000);
    // 1010 (10 ms) and 2150 (150 ms, on the edge) and 4000 match; 3151 is 151 ms off; 3500 is spare
    expect({ tp: m.tp, fp: m.fp, fn: m.fn }).toEqual({ tp: 3, fp: 2, fn: 1 });
    expect(m.missed).toEqual([3000]);
    expect(m.falseAlarms).toEqual([3151, 3500]);
    expect(m.offsets).toEqual([10, 150, 0]);
    expect(m.se).toBeCloseTo(75, 10);
    expect(m.ppv).toBeCloseTo(60, 10);
    expect(m.f1).toBeCloseTo((2 * 75 * 60) / 135, 10);
  });

  it('is one-to-one: two detections near one beat give one TP and one FP', () => {
    const m = matchBeats([1000], [950, 1020], 1000);
    expect({ tp: m.tp, fp: m.fp, fn: m.fn }).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(m.falseAlarms).toEqual([950]); // the closer detection wins
  });

  it('matches closest pairs first, so a detection between two beats goes to the nearer one', () => {
    // 1100 is 100 ms from 1000 and 60 ms from 1160; 1160's own detection is missing
    const m = matchBeats([1000, 1160], [1100], 1000);
    expect({ tp: m.tp, fp: m.fp, fn: m.fn }).toEqual({ tp: 1, fp: 0, fn: 1 });
    expect(m.missed).toEqual([1000]);
    // with a second detection near 1000 both beats are found
    const both = matchBeats([1000, 1160], [990, 1100], 1000);
    expect({ tp: both.tp, fp: both.fp, fn: both.fn }).toEqual({ tp: 2, fp: 0, fn: 0 });
  });

  it('scales the window with fs and honours windowMs', () => {
    expect(matchBeats([360], [360 + 54], 360).tp).toBe(1); // 150 ms = 54 samples at 360 Hz
    expect(matchBeats([360], [360 + 55], 360).tp).toBe(0);
    expect(matchBeats([1000], [1060], 1000, { windowMs: 50 }).tp).toBe(0);
  });

  it('does not count outcomes before startSeconds or inside excluded intervals, but matches across their edges', () => {
    const ref = [500, 1000, 5000, 9000];
    const det = [520, 1140, 5000, 6000, 9000];
    const m = matchBeats(ref, det, 1000, { startSeconds: 1.1, excluded: [[5500, 7000]] });
    // 500 is before the start; 1000 is before it too although its match 1140 is after; 6000 is excluded
    expect({ tp: m.tp, fp: m.fp, fn: m.fn }).toEqual({ tp: 2, fp: 0, fn: 0 });
  });

  it('handles empty lists', () => {
    expect(matchBeats([], [], 360)).toMatchObject({ tp: 0, fp: 0, fn: 0, se: 100, ppv: 100 });
    expect(matchBeats([100, 200], [], 360)).toMatchObject({ tp: 0, fn: 2, se: 0, ppv: 100 });
    expect(matchBeats([], [100], 360)).toMatchObject({ fp: 1, se: 100, ppv: 0 });
  });

  it('rejects unsorted or non-finite inputs and bad fs with SignalError', () => {
    expect(() => matchBeats([2, 1], [], 360)).toThrow(SignalError);
    expect(() => matchBeats([1], [NaN], 360)).toThrow(/NAN_SAMPLES/);
    expect(() => matchBeats([1], [1], 0)).toThrow(/BAD_SAMPLING_RATE/);
    expect(() => matchBeats([1], [1], 360, { windowMs: -1 })).toThrow(/windowMs/);
  });
});

describe('vfEpisodes and evaluateRecord', () => {
  const ann = [
    { sample: 100, symbol: 'N' },
    { sample: 300, symbol: '+' },
    { sample: 400, symbol: '[' },
    { sample: 900, symbol: ']' },
    { sample: 1000, symbol: 'V' },
    { sample: 1200, symbol: '~' },
    { sample: 1500, symbol: '[' },
  ];
  const isBeat = (s: string) => s === 'N' || s === 'V';

  it('turns [ ... ] marks into intervals, an open episode running to the record end', () => {
    expect(vfEpisodes(ann, 2000)).toEqual([[400, 901], [1500, 2000]]);
    expect(vfEpisodes([{ sample: 5, symbol: ']' }])).toEqual([]);
  });

  it('ignores detections inside VF and counts beats only', () => {
    const e = evaluateRecord('x', ann, isBeat, [100, 500, 700, 1000, 1200, 1600], 1000, { recordLength: 2000 });
    expect({ tp: e.tp, fp: e.fp, fn: e.fn, refBeats: e.refBeats }).toEqual({ tp: 2, fp: 1, fn: 0, refBeats: 2 });
    expect(e.falseAlarms).toEqual([1200]);
    expect(e.vfSeconds).toBeCloseTo(1.001, 10);
  });

  it('pools gross counts over records', () => {
    const p = pooledScores([{ tp: 90, fp: 5, fn: 10 }, { tp: 10, fp: 5, fn: 0 }]);
    expect(p).toMatchObject({ tp: 100, fp: 10, fn: 10, refBeats: 110 });
    expect(p.se).toBeCloseTo(detectionScores({ tp: 100, fp: 10, fn: 10 }).se, 12);
    expect(p.ppv).toBeCloseTo((100 * 100) / 110, 10);
  });
});
