import { EcgDataError } from '../errors';
import type { EcgRecord } from '../types';

/**
 * Training examples must not carry NaN (WFDB's missing-sample value decodes to NaN):
 * one NaN poisons a whole batch's gradients. Throws NAN_SAMPLES naming the record,
 * the signal and the first bad sample.
 */
export function assertFiniteRecord(rec: EcgRecord): void {
  rec.signals.forEach((s, ch) => {
    for (let i = 0; i < s.length; i++) {
      if (!Number.isFinite(s[i])) {
        throw new EcgDataError('NAN_SAMPLES', rec.path, `signal ${ch} (${rec.signalNames[ch]}) has a ${s[i]} sample at index ${i}; WFDB marks missing samples this way`);
      }
    }
  });
}
