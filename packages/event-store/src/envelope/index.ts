export * from './codec';
export * from './hash';
