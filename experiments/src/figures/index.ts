export * from './errors';
export * from './spec';
export * from './figure-data';
export * from './renderer';
export * from './write-figure';
export * from './builders';
export * from './annotations';
export * from './run-figures';
