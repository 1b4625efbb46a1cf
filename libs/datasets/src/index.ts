export * from './errors';
export * from './types';
export * from './random';
export * from './data-root';
export * from './wfdb';
export * from './download';
