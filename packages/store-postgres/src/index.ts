export {
  appendLockKey,
  channelOf,
  DATABASE_NAME,
  DEFAULT_SCHEMA,
  parsePostgresUrl,
  type InvalidPostgresUrl,
  type PostgresLocation,
} from './config';
export {
  latestVersion,
  loadMigrations,
  migrate,
  MIGRATION_LOCK_KEY,
  schemaVersion,
  SQL_DIR,
  type Migration,
  type MigrationReport,
} from './migrations';
export { migratePostgres, openPostgresStore, type PostgresStoreOptions } from './open';
export { databaseComment, dropSchema, ensureDatabase } from './admin';
export type { PostgresStore } from './store';
export { isConnectionLoss, pgCode } from './pg-errors';
