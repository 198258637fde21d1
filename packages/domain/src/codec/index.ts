export * from './strict';
export * from './validation';
export * from './primitives';
export * from './vocabulary';
export * from './limits';
