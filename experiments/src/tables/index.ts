export * from './dataframe-table';
