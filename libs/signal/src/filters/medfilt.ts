/**
 * scipy.signal.medfilt(x, kernelSize) for 1-D signals: the median of each odd-length window,
 * with zeros beyond both ends (scipy's rank_filter mode='constant'). A sorted window buffer
 * is kept across samples: each step removes the sample leaving and inserts the one arriving
 * by shifting only the slots between their two positions, so a 361-sample kernel over
 * 650k samples costs well under a second.
 */
import { SignalError, assertFiniteSamples } from '../errors';

/** First index in sorted[0..len) whose value is >= v. */
function lowerBound(sorted: Float64Array, len: number, v: number): number {
  let lo = 0;
  let hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function medfilt(x: ArrayLike<number>, kernelSize = 3): Float64Array {
  const where = 'medfilt';
  if (!Number.isInteger(kernelSize) || kernelSize < 1 || kernelSize % 2 !== 1) {
    throw new SignalError('BAD_ARGUMENT', where, `kernelSize must be a positive odd integer, got ${kernelSize}`);
  }
  assertFiniteSamples(x, where);
  const n = x.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const half = (kernelSize - 1) >> 1;
  const at = (i: number) => (i >= 0 && i < n ? x[i] : 0);
  // window for output 0 covers x[-half .. half] (zeros outside the signal)
  const win = new Float64Array(kernelSize);
  for (let i = -half; i <= half; i++) win[i + half] = at(i);
  win.sort();
  out[0] = win[half];
  for (let i = 1; i < n; i++) {
    const leaving = at(i - half - 1);
    const arriving = at(i + half);
    if (leaving !== arriving) {
      const r = lowerBound(win, kernelSize, leaving); // win[r] === leaving
      const ins = lowerBound(win, kernelSize, arriving);
      if (ins > r) {
        // shift (r, ins) one slot left; arriving goes just before the first value >= it
        win.copyWithin(r, r + 1, ins);
        win[ins - 1] = arriving;
      } else {
        win.copyWithin(ins + 1, ins, r);
        win[ins] = arriving;
      }
    }
    out[i] = win[half];
  }
  return out;
}
