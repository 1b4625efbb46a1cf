export * from './confusion';
export * from './classification';
export * from './cinc2017';
export * from './aami';
export * from './multilabel';
export * from './bootstrap';
