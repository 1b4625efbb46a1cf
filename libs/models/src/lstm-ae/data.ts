import { ModelError } from '../common';

/**
 * N feature sequences stored flat, row-major [N, seqLen, nFeatures]. Kept as typed arrays (not
 * one tensor) so batches are cut on demand and a large set never sits in the backend's memory.
 */
export interface SequenceSet {
  values: Float32Array;
  /** 1 = present, 0 = missing or padding. */
  mask: Float32Array;
  count: number;
  seqLen: number;
  nFeatures: number;
}

/** Stack sequences such as libs/signal's BeatSequence ({values, mask}, each seqLen * nFeatures). */
export function stackSequences(
  sequences: readonly { values: ArrayLike<number>; mask: ArrayLike<number> }[],
  seqLen: number,
  nFeatures: number,
): SequenceSet {
  const size = seqLen * nFeatures;
  const values = new Float32Array(sequences.length * size);
  const mask = new Float32Array(sequences.length * size);
  sequences.forEach((s, i) => {
    if (s.values.length !== size || s.mask.length !== size) {
      throw new ModelError('BAD_CONFIG', `stackSequences(sequences[${i}])`, `values/mask have ${s.values.length}/${s.mask.length} entries, expected seqLen*nFeatures = ${size}`);
    }
    for (let k = 0; k < size; k++) {
      const m = s.mask[k] > 0 ? 1 : 0;
      mask[i * size + k] = m;
      // a masked entry is stored as 0 whatever it held (NaN included)
      values[i * size + k] = m ? s.values[k] : 0;
    }
  });
  return { values, mask, count: sequences.length, seqLen, nFeatures };
}

export function checkSequenceSet(data: SequenceSet, seqLen: number, nFeatures: number, where: string): void {
  const size = data.count * data.seqLen * data.nFeatures;
  if (data.seqLen !== seqLen || data.nFeatures !== nFeatures) {
    throw new ModelError('BAD_CONFIG', where, `sequences are [${data.seqLen}, ${data.nFeatures}] but the model expects [${seqLen}, ${nFeatures}]`);
  }
  if (data.values.length !== size || data.mask.length !== size) {
    throw new ModelError('BAD_CONFIG', where, `values/mask hold ${data.values.length}/${data.mask.length} numbers, expected count*seqLen*nFeatures = ${size}`);
  }
  if (data.count === 0) throw new ModelError('BAD_CONFIG', where, 'no sequences to train on');
}
