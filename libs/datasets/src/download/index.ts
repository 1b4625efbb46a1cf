export * from './catalog';
export * from './sha256sums';
export * from './http-fetch';
export * from './download';
