export * from './envelope';
export * from './store';
