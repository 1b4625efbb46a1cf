export * from './record-path';
export * from './header';
export * from './comments';
export * from './formats';
export * from './mat4';
export * from './checksum';
export * from './record';
