export * from './contract';
export * from './fixtures';
export * from './generators';
