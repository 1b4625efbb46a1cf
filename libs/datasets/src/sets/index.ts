export * from './splits';
export * from './length-policy';
export * from './finite';
export * from './mitdb';
export * from './cinc2017';
