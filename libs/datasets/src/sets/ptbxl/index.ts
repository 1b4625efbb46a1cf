export * from './csv-table';
export * from './scp';
export * from './ptbxl-index';
export * from './ptbxl-splits';
export * from './ptbxl-examples';
