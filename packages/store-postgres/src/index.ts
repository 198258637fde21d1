export * from './config';
export * from './migrations';
export * from './open';
export * from './admin';
export type { PostgresStore } from './store';
export { isConnectionLoss, pgCode } from './pg-errors';
