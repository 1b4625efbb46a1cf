export * from './schedule';
export * from './sampling';
export * from './example-source';
export * from './history';
export * from './checkpoint';
export * from './evaluate';
export * from './trainer';
export * from './array-source';
