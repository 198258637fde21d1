export * from './command-handler';
export * from './meta';
export * from './limits';
export * from './idempotency';
