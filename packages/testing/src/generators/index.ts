export * from './birmingham';
export * from './events';
