export * from './questions';
export * from './meetings-view';
export * from './app';
