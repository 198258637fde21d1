export * from './mapping';
export * from './store';
