import { EcgDataError } from '../errors';
import type { Rng } from '../random';

/**
 * How a variable-length record (CinC 2017: 9-61 s) becomes fixed-length input.
 * Each policy is explicit data so a run's config records exactly what was done.
 */
export type LengthPolicy =
  /** Keep `length` samples; the record must be at least that long. */
  | { kind: 'crop'; length: number; anchor?: CropAnchor }
  /** Pad up to `length`; the record must not be longer. */
  | { kind: 'pad'; length: number; mode?: PadMode }
  /** Crop when longer, pad when shorter: one window per record. */
  | { kind: 'crop-or-pad'; length: number; anchor?: CropAnchor; mode?: PadMode }
  /**
   * Windows of `length` every `stride` samples from the start; when the last one
   * stops short of the end, one more window is aligned to the end so no tail is
   * lost. A record shorter than `length` gives one padded window.
   */
  | { kind: 'sliding'; length: number; stride: number; mode?: PadMode };

/** Where a crop is taken: the start, the middle, or a seeded random offset (training augmentation). */
export type CropAnchor = 'start' | 'center' | 'random';
/** Padding: zeros after the signal, or the last sample repeated. */
export type PadMode = 'zero' | 'edge';

export interface LengthPolicyContext {
  /** Names the record in errors. */
  record?: string;
  /** Needed for anchor 'random'. */
  rng?: Rng;
}

function bad(ctx: LengthPolicyContext, detail: string): EcgDataError {
  return new EcgDataError('BAD_ARGUMENT', ctx.record ?? 'length policy', detail);
}

function checkPolicy(p: LengthPolicy, ctx: LengthPolicyContext): void {
  if (!(Number.isInteger(p.length) && p.length > 0)) throw bad(ctx, `policy ${p.kind}: length must be a positive whole number of samples, got ${p.length}`);
  if (p.kind === 'sliding' && !(Number.isInteger(p.stride) && p.stride > 0)) throw bad(ctx, `policy sliding: stride must be a positive whole number, got ${p.stride}`);
}

function crop(x: Float32Array, length: number, anchor: CropAnchor, ctx: LengthPolicyContext): Float32Array {
  const spare = x.length - length;
  let start = 0;
  if (anchor === 'center') start = Math.floor(spare / 2);
  else if (anchor === 'random') {
    if (!ctx.rng) throw bad(ctx, "crop anchor 'random' needs a seeded rng");
    start = Math.floor(ctx.rng() * (spare + 1));
  }
  return x.slice(start, start + length);
}

function pad(x: Float32Array, length: number, mode: PadMode): Float32Array {
  const out = new Float32Array(length);
  out.set(x);
  if (mode === 'edge' && x.length > 0) out.fill(x[x.length - 1], x.length);
  return out;
}

/** Apply a length policy to one channel; returns one window, or several for 'sliding'. */
export function applyLengthPolicy(x: Float32Array, policy: LengthPolicy, ctx: LengthPolicyContext = {}): Float32Array[] {
  checkPolicy(policy, ctx);
  const { length } = policy;
  switch (policy.kind) {
    case 'crop':
      if (x.length < length) throw bad(ctx, `policy crop: record has ${x.length} samples, fewer than the ${length} asked for (use crop-or-pad)`);
      return [crop(x, length, policy.anchor ?? 'start', ctx)];
    case 'pad':
      if (x.length > length) throw bad(ctx, `policy pad: record has ${x.length} samples, more than the ${length} asked for (use crop-or-pad)`);
      return [pad(x, length, policy.mode ?? 'zero')];
    case 'crop-or-pad':
      return [x.length >= length ? crop(x, length, policy.anchor ?? 'start', ctx) : pad(x, length, policy.mode ?? 'zero')];
    case 'sliding': {
      if (x.length <= length) return [pad(x, length, policy.mode ?? 'zero')];
      const out: Float32Array[] = [];
      let start = 0;
      for (; start + length <= x.length; start += policy.stride) out.push(x.slice(start, start + length));
      if (start - policy.stride + length < x.length) out.push(x.slice(x.length - length));
      return out;
    }
  }
}

/** Number of windows a policy gives for a record of n samples (without cutting it). */
export function countWindows(n: number, policy: LengthPolicy): number {
  if (policy.kind !== 'sliding' || n <= policy.length) return 1;
  const full = Math.floor((n - policy.length) / policy.stride) + 1;
  return (full - 1) * policy.stride + policy.length < n ? full + 1 : full;
}
