export * from './mat5';
export * from './cpsc2018';
