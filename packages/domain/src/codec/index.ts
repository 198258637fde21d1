export * from './strict';
export * from './validation';
