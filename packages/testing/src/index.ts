export * from './contract';
export * from './concurrency';
export * from './fixtures';
export * from './generators';
export * from './models';
