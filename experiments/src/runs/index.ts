export * from './environment';
export * from './run-folder';
