/**
 * scipy.signal.medfilt(x, kernelSize) for 1-D signals: the median of each odd-length window,
 * with zeros beyond both ends (scipy's rank_filter mode='constant').
 *
 * Why two heaps: ECG baseline removal uses 200-600 ms kernels (73-361 samples at 360 Hz), and
 * with a sorted window buffer each step shifts ~k/3 values (samples 1 s apart have unrelated
 * ranks). Here the lower half of the window is a max-heap whose top is the median and the
 * upper half a min-heap; the sample leaving and the one arriving share a slot (index mod k),
 * so each step is one in-place value change, a sift, and at most one exchange of the two tops:
 * O(log k) per sample.
 */
import { SignalError, assertFiniteSamples } from '../errors';

export function medfilt(x: ArrayLike<number>, kernelSize = 3): Float64Array {
  const where = 'medfilt';
  if (!Number.isInteger(kernelSize) || kernelSize < 1 || kernelSize % 2 !== 1) {
    throw new SignalError('BAD_ARGUMENT', where, `kernelSize must be a positive odd integer, got ${kernelSize}`);
  }
  assertFiniteSamples(x, where);
  const n = x.length;
  const k = kernelSize;
  const half = (k - 1) >> 1;
  // zeros beyond both ends: padded index p is x[p - half] inside the signal, 0 outside
  const xs = x instanceof Float64Array ? x : Float64Array.from(x);
  if (k === 1 || n === 0) return xs.slice();
  const at = (p: number) => (p >= half && p < n + half ? xs[p - half] : 0);

  const out = new Float64Array(n);
  const val = new Float64Array(k); // value held by each slot
  const nLow = half + 1; // max-heap: the lower half plus the median
  const nHigh = half; // min-heap: the upper half
  const low = new Int32Array(nLow); // heap of slots
  const high = new Int32Array(nHigh);
  const pos = new Int32Array(k); // slot -> index in low (>= 0) or -(index in high) - 1

  // first window: slots sorted by value; lower half descending is a valid max-heap, upper half ascending a valid min-heap
  const order = Array.from({ length: k }, (_, s) => s);
  for (let s = 0; s < k; s++) val[s] = at(s);
  order.sort((a, b) => val[a] - val[b]);
  for (let j = 0; j < nLow; j++) {
    low[j] = order[nLow - 1 - j];
    pos[low[j]] = j;
  }
  for (let j = 0; j < nHigh; j++) {
    high[j] = order[nLow + j];
    pos[high[j]] = -j - 1;
  }

  const lowUp = (j: number) => {
    const s = low[j];
    const v = val[s];
    while (j > 0) {
      const p = (j - 1) >> 1;
      const ps = low[p];
      if (val[ps] >= v) break;
      low[j] = ps;
      pos[ps] = j;
      j = p;
    }
    low[j] = s;
    pos[s] = j;
  };
  const lowDown = (j: number) => {
    const s = low[j];
    const v = val[s];
    for (;;) {
      let c = 2 * j + 1;
      if (c >= nLow) break;
      if (c + 1 < nLow && val[low[c + 1]] > val[low[c]]) c++;
      const cs = low[c];
      if (val[cs] <= v) break;
      low[j] = cs;
      pos[cs] = j;
      j = c;
    }
    low[j] = s;
    pos[s] = j;
  };
  const highUp = (j: number) => {
    const s = high[j];
    const v = val[s];
    while (j > 0) {
      const p = (j - 1) >> 1;
      const ps = high[p];
      if (val[ps] <= v) break;
      high[j] = ps;
      pos[ps] = -j - 1;
      j = p;
    }
    high[j] = s;
    pos[s] = -j - 1;
  };
  const highDown = (j: number) => {
    const s = high[j];
    const v = val[s];
    for (;;) {
      let c = 2 * j + 1;
      if (c >= nHigh) break;
      if (c + 1 < nHigh && val[high[c + 1]] < val[high[c]]) c++;
      const cs = high[c];
      if (val[cs] >= v) break;
      high[j] = cs;
      pos[cs] = -j - 1;
      j = c;
    }
    high[j] = s;
    pos[s] = -j - 1;
  };

  out[0] = val[low[0]];
  for (let i = 1; i < n; i++) {
    const s = (i - 1) % k; // slot of the leaving sample (padded index i-1), reused by the arriving one (i+k-1)
    const a = i + half; // x index of the arriving sample
    const v = a < n ? xs[a] : 0;
    const old = val[s];
    if (v !== old) {
      val[s] = v;
      const p = pos[s];
      if (p >= 0) {
        if (v > old) lowUp(p);
        else lowDown(p);
      } else {
        const j = -p - 1;
        if (v < old) highUp(j);
        else highDown(j);
      }
      // at most one pair is out of order: exchange the tops
      const lt = low[0];
      const ht = high[0];
      if (val[lt] > val[ht]) {
        low[0] = ht;
        pos[ht] = 0;
        high[0] = lt;
        pos[lt] = -1;
        lowDown(0);
        highDown(0);
      }
    }
    out[i] = val[low[0]];
  }
  return out;
}
