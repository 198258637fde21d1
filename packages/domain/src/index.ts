export * from './codec';
export * from './model';
