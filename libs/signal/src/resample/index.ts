export { resamplePoly, resampleToRate, type ResamplePolyOptions } from './resample-poly';
export { besselI0, firwinKaiserLowpass, kaiserWindow } from './firwin';
