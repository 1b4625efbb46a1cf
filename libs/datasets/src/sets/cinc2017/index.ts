export * from './reference';
export * from './examples';
