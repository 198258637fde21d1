export * from './codec';
export * from './model';
export * from './commands';
export * from './events';
