export * from './types';
export { delineatePWaves, delineatePWavesWithDiagnostics, type PWaveCandidate, type PWaveDiagnostics } from './delineate';
export { atrialBandSignal, DEFAULT_ATRIAL_BAND, type AtrialBand } from './atrial-band';
export { rhythmAt, countPWavesByRhythm, type RhythmAnnotationLike, type RhythmPWaveCount } from './rhythm';
export { assertRPeaks } from './input';
