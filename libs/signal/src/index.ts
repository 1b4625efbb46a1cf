// libs/signal: scipy-parity filters, resampling, R-peak detection, P-wave delineation and
// per-beat features (issue 3). Modules add their export lines here as they land.
export * from './errors';

export * from './rpeaks';
export * from './filters';
export * from './resample';
export * from './normalize';
export * from './clean';
export * from './pwave';
export * from './features';
