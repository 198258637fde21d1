export * from './config';
export * from './migrations';
export * from './open';
export type { PostgresStore } from './store';
export { isConnectionLoss, pgCode } from './pg-errors';
