export * from './envelope';
export * from './store';
export * from './memory';
export * from './handler';
