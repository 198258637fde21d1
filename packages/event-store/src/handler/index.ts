export * from './command-handler';
export * from './meta';
