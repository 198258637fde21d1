export * from './command-handler';
export * from './meta';
export * from './limits';
export * from './idempotency';
export { DEFAULT_STATE_CACHE_ENTRIES } from './folded-states';
