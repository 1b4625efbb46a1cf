/** Stack equal-length rows into one flat array (the layout ArrayExampleSource keeps inputs in). */
export function concatRows(parts: readonly Float32Array[], stride: number): Float32Array {
  const out = new Float32Array(parts.length * stride);
  parts.forEach((p, i) => out.set(p, i * stride));
  return out;
}
