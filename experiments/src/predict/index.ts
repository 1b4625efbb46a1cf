export * from './metadata';
export * from './predict';
export * from './export';
