export * from './event-store-contract';
export * from './helpers';
