export * from './codec';
export * from './hash';
export * from './fast';
export * from './line';
