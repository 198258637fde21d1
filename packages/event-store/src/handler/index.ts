export * from './command-handler';
export * from './meta';
export * from './idempotency';
