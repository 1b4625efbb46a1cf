import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { applyLengthPolicy, countWindows, type LengthPolicy } from './length-policy';

const ramp = (n: number) => Float32Array.from({ length: n }, (_, i) => i + 1);

describe('length policies', () => {
  it('crop takes the start, the centre or a seeded random offset', () => {
    expect([...applyLengthPolicy(ramp(10), { kind: 'crop', length: 4 })[0]]).toEqual([1, 2, 3, 4]);
    expect([...applyLengthPolicy(ramp(10), { kind: 'crop', length: 4, anchor: 'center' })[0]]).toEqual([4, 5, 6, 7]);
    const a = applyLengthPolicy(ramp(100), { kind: 'crop', length: 4, anchor: 'random' }, { rng: createRng(7) })[0];
    const b = applyLengthPolicy(ramp(100), { kind: 'crop', length: 4, anchor: 'random' }, { rng: createRng(7) })[0];
    expect(a).toEqual(b);
    expect(a[1] - a[0]).toBe(1);
    expect(() => applyLengthPolicy(ramp(100), { kind: 'crop', length: 4, anchor: 'random' })).toThrow(/seeded rng/);
  });
  it('crop refuses a short record and pad a long one, naming the record', () => {
    expect(() => applyLengthPolicy(ramp(3), { kind: 'crop', length: 4 }, { record: 'A00001' })).toThrow(/A00001: BAD_ARGUMENT.*3 samples/);
    expect(() => applyLengthPolicy(ramp(5), { kind: 'pad', length: 4 }, { record: 'A00002' })).toThrow(/A00002: BAD_ARGUMENT.*5 samples/);
  });
  it('pad with zeros or the edge value; crop-or-pad does whichever is needed', () => {
    expect([...applyLengthPolicy(ramp(2), { kind: 'pad', length: 4 })[0]]).toEqual([1, 2, 0, 0]);
    expect([...applyLengthPolicy(ramp(2), { kind: 'pad', length: 4, mode: 'edge' })[0]]).toEqual([1, 2, 2, 2]);
    expect([...applyLengthPolicy(ramp(6), { kind: 'crop-or-pad', length: 4, anchor: 'center' })[0]]).toEqual([2, 3, 4, 5]);
    expect([...applyLengthPolicy(ramp(3), { kind: 'crop-or-pad', length: 4 })[0]]).toEqual([1, 2, 3, 0]);
  });
  it('sliding windows cover the tail with one end-aligned window', () => {
    const w = applyLengthPolicy(ramp(10), { kind: 'sliding', length: 4, stride: 3 });
    expect(w.map((x) => x[0])).toEqual([1, 4, 7]);
    const v = applyLengthPolicy(ramp(11), { kind: 'sliding', length: 4, stride: 3 });
    expect(v.map((x) => x[0])).toEqual([1, 4, 7, 8]);
    expect(v[3][3]).toBe(11);
    expect(applyLengthPolicy(ramp(3), { kind: 'sliding', length: 4, stride: 2 })).toHaveLength(1);
    for (const n of [1, 4, 5, 10, 11, 12, 100]) {
      for (const p of [{ kind: 'sliding', length: 4, stride: 3 }, { kind: 'sliding', length: 5, stride: 5 }] as LengthPolicy[]) {
        expect(countWindows(n, p)).toBe(applyLengthPolicy(ramp(n), p).length);
      }
    }
  });
  it('rejects impossible lengths and strides', () => {
    expect(() => applyLengthPolicy(ramp(3), { kind: 'pad', length: 0 })).toThrow(/positive whole/);
    expect(() => applyLengthPolicy(ramp(3), { kind: 'sliding', length: 2, stride: 0 })).toThrow(/stride/);
  });
});
