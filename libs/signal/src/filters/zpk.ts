/**
 * Zeros/poles/gain filter design, ported step by step from scipy.signal (1.17): the analog
 * Butterworth prototype, the lowpass -> lowpass/highpass/bandpass/bandstop transforms, the
 * bilinear transform and zpk2sos with scipy's default 'nearest' pairing. The same formulas in
 * the same order keep the sections equal to scipy's to ~1e-13 and, more importantly, in the
 * same section order (which changes sosfilt's rounding and is visible in every golden test).
 */
import { cabs, cadd, cconj, cdiv, cmul, cneg, cprod, cscale, csqrt, csub, cx, type Complex } from './complex';

export interface Zpk {
  z: Complex[];
  p: Complex[];
  k: number;
}

/** One second-order section [b0, b1, b2, a0, a1, a2]; a0 is 1. */
export type SosSection = [number, number, number, number, number, number];
export type Sos = SosSection[];

/** Analog Butterworth lowpass prototype: N poles on the unit circle in the left half plane. */
export function buttap(order: number): Zpk {
  const p: Complex[] = [];
  for (let m = -order + 1; m < order; m += 2) {
    // numpy evaluates 1j*pi*m/(2N) as a complex divide, i.e. a multiply by 1/(2N)
    const theta = Math.PI * m * (1 / (2 * order));
    p.push(cneg(cx(Math.cos(theta), Math.sin(theta))));
  }
  return { z: [], p, k: 1 };
}

function relativeDegree({ z, p }: Zpk): number {
  return p.length - z.length;
}

export function lp2lpZpk(f: Zpk, wo: number): Zpk {
  const degree = relativeDegree(f);
  return { z: f.z.map((v) => cscale(v, wo)), p: f.p.map((v) => cscale(v, wo)), k: f.k * wo ** degree };
}

export function lp2hpZpk(f: Zpk, wo: number): Zpk {
  const degree = relativeDegree(f);
  const z = f.z.map((v) => cdiv(cx(wo), v));
  for (let i = 0; i < degree; i++) z.push(cx(0));
  const ratio = cdiv(cprod(f.z.map(cneg)), cprod(f.p.map(cneg)));
  return { z, p: f.p.map((v) => cdiv(cx(wo), v)), k: f.k * ratio.re };
}

/** Each lowpass root r becomes the pair r*bw/2 +- sqrt((r*bw/2)^2 - wo^2). */
function splitRoots(roots: Complex[], wo: number): Complex[] {
  const plus: Complex[] = [];
  const minus: Complex[] = [];
  for (const r of roots) {
    const disc = csqrt(csub(cmul(r, r), cx(wo * wo)));
    plus.push(cadd(r, disc));
    minus.push(csub(r, disc));
  }
  return plus.concat(minus);
}

export function lp2bpZpk(f: Zpk, wo: number, bw: number): Zpk {
  const degree = relativeDegree(f);
  const z = splitRoots(f.z.map((v) => cscale(v, bw / 2)), wo);
  for (let i = 0; i < degree; i++) z.push(cx(0));
  return { z, p: splitRoots(f.p.map((v) => cscale(v, bw / 2)), wo), k: f.k * bw ** degree };
}

export function lp2bsZpk(f: Zpk, wo: number, bw: number): Zpk {
  const degree = relativeDegree(f);
  const z = splitRoots(f.z.map((v) => cdiv(cx(bw / 2), v)), wo);
  for (let i = 0; i < degree; i++) z.push(cx(0, wo));
  for (let i = 0; i < degree; i++) z.push(cx(0, -wo));
  const ratio = cdiv(cprod(f.z.map(cneg)), cprod(f.p.map(cneg)));
  return { z, p: splitRoots(f.p.map((v) => cdiv(cx(bw / 2), v)), wo), k: f.k * ratio.re };
}

/** Tustin's substitution s = 2 fs (z-1)/(z+1); zeros at infinity land on Nyquist (z = -1). */
export function bilinearZpk(f: Zpk, fs: number): Zpk {
  const degree = relativeDegree(f);
  const fs2 = 2.0 * fs;
  const map = (v: Complex) => cdiv(cadd(cx(fs2), v), csub(cx(fs2), v));
  const z = f.z.map(map);
  for (let i = 0; i < degree; i++) z.push(cx(-1));
  const num = f.z.length ? cprod(f.z.map((v) => csub(cx(fs2), v))) : cx(1);
  const ratio = cdiv(num, cprod(f.p.map((v) => csub(cx(fs2), v))));
  return { z, p: f.p.map(map), k: f.k * ratio.re };
}

const CPLX_TOL = 100 * Number.EPSILON;

/**
 * scipy's _cplxreal: conjugate pairs merged into one root with positive imaginary part
 * (sorted by real part, then |imag|), followed by the real roots sorted by value.
 */
export function cplxreal(roots: Complex[]): { complex: Complex[]; real: number[] } {
  const z = roots.slice().sort((a, b) => a.re - b.re || Math.abs(a.im) - Math.abs(b.im));
  const isReal = z.map((v) => Math.abs(v.im) <= CPLX_TOL * cabs(v));
  const real = z.filter((_, i) => isReal[i]).map((v) => v.re);
  const rest = z.filter((_, i) => !isReal[i]);
  const zp = rest.filter((v) => v.im > 0);
  const zn = rest.filter((v) => v.im < 0);
  if (zp.length !== zn.length) throw new Error('cplxreal: complex root without a conjugate');
  // within runs of (nearly) equal real part, order by |imag| so conjugates line up
  let i = 0;
  while (i < zp.length - 1) {
    let j = i;
    while (j < zp.length - 1 && zp[j + 1].re - zp[j].re <= CPLX_TOL * cabs(zp[j])) j++;
    if (j > i) {
      for (const chunk of [zp, zn]) {
        const sorted = chunk.slice(i, j + 1).sort((a, b) => Math.abs(a.im) - Math.abs(b.im));
        chunk.splice(i, sorted.length, ...sorted);
      }
    }
    i = j + 1;
  }
  const complex = zp.map((v, k) => {
    const c = cconj(zn[k]);
    if (cabs(csub(v, c)) > CPLX_TOL * cabs(zn[k])) throw new Error('cplxreal: complex root without a conjugate');
    return cscale(cadd(v, c), 0.5);
  });
  return { complex, real };
}

/** numpy.poly for up to two roots (conjugate or real pairs give real coefficients). */
function poly(roots: Complex[]): number[] {
  if (roots.length === 0) return [1];
  if (roots.length === 1) return [1, -roots[0].re];
  const [r1, r2] = roots;
  return [1, -r2.re + -r1.re, cmul(cneg(r1), cneg(r2)).re];
}

function singleZpkSos(z: Complex[], p: Complex[]): SosSection {
  const sos: SosSection = [0, 0, 0, 0, 0, 0];
  const b = poly(z);
  const a = poly(p);
  for (let i = 0; i < b.length; i++) sos[3 - b.length + i] = b[i];
  for (let i = 0; i < a.length; i++) sos[6 - a.length + i] = a[i];
  return sos;
}

interface Root {
  v: Complex;
  real: boolean;
}

function rootsOf(list: Complex[]): Root[] {
  const { complex, real } = cplxreal(list);
  return [...complex.map((v) => ({ v, real: false })), ...real.map((r) => ({ v: cx(r), real: true }))];
}

/** Index of the root closest to the unit circle (first on ties, like numpy.argmin). */
function idxWorst(roots: Root[]): number {
  let best = 0;
  let bestD = Infinity;
  roots.forEach((r, i) => {
    const d = Math.abs(1 - cabs(r.v));
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

function nearestIdx(from: Root[], to: Complex, which: 'real' | 'complex' | 'any'): number {
  const order = from.map((r, i) => ({ i, d: cabs(csub(r.v, to)) })).sort((a, b) => a.d - b.d);
  const hit = order.find(({ i }) => which === 'any' || (which === 'real') === from[i].real);
  if (!hit) throw new Error(`zpk2sos: no ${which} zero left to pair`);
  return hit.i;
}

const take = (roots: Root[], i: number): Root => roots.splice(i, 1)[0];

/**
 * scipy.signal.zpk2sos(z, p, k) for digital filters with the default 'nearest' pairing:
 * poles closest to the unit circle go last, each paired with its nearest zeros.
 */
export function zpk2sos({ z: z0, p: p0, k }: Zpk): Sos {
  if (z0.length === 0 && p0.length === 0) return [[k, 0, 0, 1, 0, 0]];
  const zl = z0.slice();
  const pl = p0.slice();
  while (pl.length < zl.length) pl.push(cx(0));
  while (zl.length < pl.length) zl.push(cx(0));
  const nSections = (pl.length + 1) >> 1;
  if (pl.length % 2 === 1) {
    pl.push(cx(0));
    zl.push(cx(0));
  }
  const z = rootsOf(zl);
  const p = rootsOf(pl);
  const sos: Sos = new Array(nSections);
  const realCount = (rs: Root[]) => rs.reduce((n, r) => n + (r.real ? 1 : 0), 0);

  for (let si = nSections - 1; si >= 0; si--) {
    const p1 = take(p, idxWorst(p));
    if (p1.real && realCount(p) === 0) {
      // last real pole: a first-order section with the nearest real zero (and the origin)
      const z1 = take(z, nearestIdx(z, p1.v, 'real'));
      sos[si] = singleZpkSos([z1.v, cx(0)], [p1.v, cx(0)]);
    } else if (p.length + 1 === z.length && !p1.real && realCount(p) === 1 && realCount(z) === 1) {
      // one real pole and one real zero must stay together: pair this complex pole with a complex zero
      const z1 = take(z, nearestIdx(z, p1.v, 'complex'));
      sos[si] = singleZpkSos([z1.v, cconj(z1.v)], [p1.v, cconj(p1.v)]);
    } else {
      let p2: Complex;
      if (p1.real) {
        const realIdx = p.map((r, i) => (r.real ? i : -1)).filter((i) => i >= 0);
        p2 = take(p, realIdx[idxWorst(realIdx.map((i) => p[i]))]).v;
      } else {
        p2 = cconj(p1.v);
      }
      if (z.length > 0) {
        const z1 = take(z, nearestIdx(z, p1.v, 'any'));
        if (!z1.real) {
          sos[si] = singleZpkSos([z1.v, cconj(z1.v)], [p1.v, p2]);
        } else if (z.length > 0) {
          const z2 = take(z, nearestIdx(z, p1.v, 'real'));
          sos[si] = singleZpkSos([z1.v, z2.v], [p1.v, p2]);
        } else {
          sos[si] = singleZpkSos([z1.v], [p1.v, p2]);
        }
      } else {
        sos[si] = singleZpkSos([], [p1.v, p2]);
      }
    }
  }
  for (let i = 0; i < 3; i++) sos[0][i] *= k;
  return sos;
}

/** numpy.poly over many roots, real part (the roots here always come in conjugate pairs). */
export function polyFromRoots(roots: Complex[]): number[] {
  let a: Complex[] = [cx(1)];
  for (const r of roots) {
    const next: Complex[] = new Array(a.length + 1).fill(null).map(() => cx(0));
    for (let i = 0; i < a.length; i++) {
      next[i] = cadd(next[i], a[i]);
      next[i + 1] = cadd(next[i + 1], cmul(a[i], cneg(r)));
    }
    a = next;
  }
  return a.map((v) => v.re);
}

/** scipy.signal.zpk2tf: b = k * poly(z), a = poly(p). */
export function zpk2tf({ z, p, k }: Zpk): { b: number[]; a: number[] } {
  return { b: polyFromRoots(z).map((v) => v * k), a: polyFromRoots(p) };
}
