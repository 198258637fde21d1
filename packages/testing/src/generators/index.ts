export * from './birmingham';
export * from './events';
export * from './history';
