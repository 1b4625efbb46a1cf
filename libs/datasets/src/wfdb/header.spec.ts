import { describe, expect, it } from 'vitest';
import { isEcgDataError } from '../errors';
import { parseWfdbHeader } from './header';

const MITDB_100 = '100 2 360 650000\r\n100.dat 212 200 11 1024 995 -22131 0 MLII\r\n100.dat 212 200 11 1024 1011 20052 0 V5\r\n# 69 M 1085 1629 x1\r\n# Aldomet, Inderal\r\n';

function expectCode(fn: () => unknown, code: string, detail?: RegExp) {
  try {
    fn();
  } catch (e) {
    expect(isEcgDataError(e)).toBe(true);
    if (isEcgDataError(e)) {
      expect(e.code).toBe(code);
      expect(e.file).toBe('x.hea');
      if (detail) expect(e.detail).toMatch(detail);
    }
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('parseWfdbHeader', () => {
  it('parses an MIT-BIH header with CRLF line endings', () => {
    const h = parseWfdbHeader(MITDB_100, 'x.hea');
    expect(h).toMatchObject({ recordName: '100', nSignals: 2, fs: 360, nSamples: 650000, baseTime: null });
    expect(h.signals[0]).toMatchObject({ fileName: '100.dat', format: 212, adcGain: 200, adcResolution: 11, adcZero: 1024, baseline: 1024, initialValue: 995, checksum: -22131, blockSize: 0, description: 'MLII', units: 'mV', byteOffset: 0 });
    expect(h.comments).toEqual(['69 M 1085 1629 x1', 'Aldomet, Inderal']);
  });

  it('parses challenge MAT headers: byte offset, gain with baseline and units, trailing spaces', () => {
    const h = parseWfdbHeader('A00001 1 300 9000 05:05:15 1/05/2000 \r\nA00001.mat 16+24 1000/mV 16 0 -127 0 0 ECG \r\n', 'x.hea');
    expect(h.baseTime).toBe('05:05:15');
    expect(h.baseDate).toBe('1/05/2000');
    expect(h.signals[0]).toMatchObject({ format: 16, byteOffset: 24, adcGain: 1000, units: 'mV', baseline: 0, initialValue: -127, description: 'ECG' });
    const w = parseWfdbHeader('E1 1 500 5000\nE1.mat 16x1+24 1000.0(5)/uV 16 0 -68 1250 0 aVR\n# Age: 78\n', 'x.hea');
    expect(w.signals[0]).toMatchObject({ samplesPerFrame: 1, byteOffset: 24, adcGain: 1000, baseline: 5, units: 'uV', description: 'aVR' });
  });

  it('applies WFDB defaults: gain 0 or absent means 200, fs absent means 250, description may have spaces', () => {
    const h = parseWfdbHeader('r 2\nr.dat 16 0 12 0\nr.dat 80\n', 'x.hea');
    expect(h.fs).toBe(250);
    expect(h.nSamples).toBeNull();
    expect(h.signals[0].adcGain).toBe(200);
    expect(h.signals[1]).toMatchObject({ adcGain: 200, adcResolution: 8, initialValue: null, checksum: null });
    const d = parseWfdbHeader('r 1 360/1000(5) 10\nr.dat 16 200 16 0 0 0 0 ECG lead II chest\n', 'x.hea');
    expect(d).toMatchObject({ counterFreq: 1000, baseCounter: 5 });
    expect(d.signals[0].description).toBe('ECG lead II chest');
  });

  it('rejects malformed headers with BAD_HEADER naming the line', () => {
    expectCode(() => parseWfdbHeader('', 'x.hea'), 'BAD_HEADER', /no record line/);
    expectCode(() => parseWfdbHeader('r two 360\n', 'x.hea'), 'BAD_HEADER', /line 1/);
    expectCode(() => parseWfdbHeader('r 2 360 10\nr.dat 16\n', 'x.hea'), 'BAD_HEADER', /declares 2 signals, found 1/);
    expectCode(() => parseWfdbHeader('r 1 360 10\nr.dat 16\nr.dat 16\n', 'x.hea'), 'BAD_HEADER', /line 3/);
    expectCode(() => parseWfdbHeader('r 1 360 10\nr.dat sixteen\n', 'x.hea'), 'BAD_HEADER', /format field/);
    expectCode(() => parseWfdbHeader('r 1 -360 10\nr.dat 16\n', 'x.hea'), 'BAD_HEADER', /positive/);
    expectCode(() => parseWfdbHeader('r 1 360 10\0\n', 'x.hea'), 'BAD_HEADER', /NUL/);
  });

  it('reports multi-segment records as unsupported', () => {
    expectCode(() => parseWfdbHeader('multi/3 2 360 1000\n', 'x.hea'), 'UNSUPPORTED_FORMAT', /multi-segment/);
  });
});
