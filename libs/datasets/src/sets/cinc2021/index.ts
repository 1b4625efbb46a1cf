export * from './dx-map';
export * from './cinc2021-records';
export * from './multi-hot';
export * from './cinc2021-examples';
