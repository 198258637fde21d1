export {
  projectToPostgres,
  READ_MODEL_LOCK_KEY,
  READ_MODEL_SCHEMA,
  READ_MODEL_SQL_DIR,
  type ProjectionProgress,
  type SqlProjectionError,
  type SqlProjectionOptions,
} from './project';
export { TABLES, TRAIL_COLUMNS, type TableSpec } from './tables';
export {
  readCheckpoint,
  SqlWriter,
  truncateAll,
  type SqlCheckpoint,
  type WriteReport,
} from './writer';
