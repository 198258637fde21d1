export * from './strict';
export * from './validation';
export * from './primitives';
export * from './vocabulary';
export * from './limits';
export type { Unbranded } from './unbranded';
