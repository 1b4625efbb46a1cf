export * from './environment';
export * from './run-folder';
export * from './finished';
export * from './archive';
