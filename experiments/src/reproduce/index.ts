export * from './context';
export * from './demographics';
export * from './registry';
export * from './run';
export * from './full-training';
