export * from './hmic-format';
export * from './hmic-reader';
export * from './hmic-writer';
