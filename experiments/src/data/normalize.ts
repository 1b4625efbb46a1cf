/**
 * Z-score each channel of an interleaved [length x channels] window in place, so a
 * model sees shape, not gain or offset; a flat channel becomes zeros.
 */
export function zscoreInto(w: Float32Array, length: number, channels: number): void {
  for (let c = 0; c < channels; c++) {
    let mean = 0;
    for (let t = 0; t < length; t++) mean += w[t * channels + c];
    mean /= length;
    let v = 0;
    for (let t = 0; t < length; t++) v += (w[t * channels + c] - mean) ** 2;
    const sd = Math.sqrt(v / length);
    for (let t = 0; t < length; t++) w[t * channels + c] = sd > 1e-8 ? (w[t * channels + c] - mean) / sd : 0;
  }
}
