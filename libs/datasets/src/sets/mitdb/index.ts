export * from './aami';
export * from './records';
export * from './beats';
export * from './splits';
