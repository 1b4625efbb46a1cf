export { butter, butterBa, butterZpk } from './butter';
export { BAND_TYPES, MAX_FILTER_ORDER, type BandType } from './validate';
export { zpk2sos, zpk2tf, type Sos, type SosSection, type Zpk } from './zpk';
export { sosfilt, sosfiltZi, sosfiltfilt, sosfiltfiltDefaultPadlen, type SosLike, type SosfiltfiltOptions } from './sosfilt';
export { lfilter, lfilterZi, filtfilt, type FiltfiltOptions } from './lfilter';
export { type PadType } from './padding';
export { iirnotch } from './iirnotch';
export { medfilt } from './medfilt';
