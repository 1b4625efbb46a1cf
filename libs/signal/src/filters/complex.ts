/**
 * The few complex-number operations the zpk filter design needs, written out so the
 * arithmetic follows numpy's (same formulas, same order) and stays close to scipy bit for bit.
 */
export interface Complex {
  re: number;
  im: number;
}

export const cx = (re: number, im = 0): Complex => ({ re, im });
export const cadd = (a: Complex, b: Complex): Complex => ({ re: a.re + b.re, im: a.im + b.im });
export const csub = (a: Complex, b: Complex): Complex => ({ re: a.re - b.re, im: a.im - b.im });
export const cneg = (a: Complex): Complex => ({ re: -a.re, im: -a.im });
export const cconj = (a: Complex): Complex => ({ re: a.re, im: -a.im });
export const cmul = (a: Complex, b: Complex): Complex => ({ re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re });
export const cscale = (a: Complex, s: number): Complex => ({ re: a.re * s, im: a.im * s });
export const cabs = (a: Complex): number => Math.hypot(a.re, a.im);

/** a / b with Smith's algorithm (what numpy uses: no overflow for large |b|). */
export function cdiv(a: Complex, b: Complex): Complex {
  const abr = Math.abs(b.re);
  const abi = Math.abs(b.im);
  if (abr >= abi) {
    if (abr === 0 && abi === 0) return { re: a.re / abr, im: a.im / abi };
    const rat = b.im / b.re;
    const scl = 1.0 / (b.re + b.im * rat);
    return { re: (a.re + a.im * rat) * scl, im: (a.im - a.re * rat) * scl };
  }
  const rat = b.re / b.im;
  const scl = 1.0 / (b.im + b.re * rat);
  return { re: (a.re * rat + a.im) * scl, im: (a.im * rat - a.re) * scl };
}

/** Principal square root (branch cut on the negative real axis, sign of im kept like C csqrt). */
export function csqrt(a: Complex): Complex {
  const { re, im } = a;
  if (re === 0 && im === 0) return { re: 0, im };
  const t = Math.sqrt((Math.abs(re) + Math.hypot(re, im)) / 2);
  if (re >= 0) return { re: t, im: im / (2 * t) };
  return { re: Math.abs(im) / (2 * t), im: im >= 0 && !Object.is(im, -0) ? t : -t };
}

/** Product of a list of complex numbers, left to right like numpy's prod. */
export function cprod(xs: Complex[]): Complex {
  let p: Complex = { re: 1, im: 0 };
  for (const x of xs) p = cmul(p, x);
  return p;
}
