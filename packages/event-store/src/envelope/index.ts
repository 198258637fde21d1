export * from './codec';
export * from './hash';
export * from './canonical';
export * from './fast';
export * from './line';
export * from './storable';
