/**
 * `@assure/store-esdb`: the EventStoreDB / KurrentDB adapter of the Assure store port,
 * over `@eventstore/db-client` (the only package of the project that imports it).
 */
export {
  appendMayHaveLanded,
  createEsdbStore,
  describeClientFailure,
  esdbEventId,
  EsdbMetadata,
  isEsdbUrl,
  isProjectEvent,
  isTransient,
  mapClientError,
  neverSent,
  positionToString,
  PROJECT_CATEGORIES,
  projectStreamRegex,
  revisionToNumber,
  SEAL_STREAM,
  showEsdbRevision,
  type AppendRetryOptions,
  type ErrorContext,
  type EsdbStoreOptions,
  type ReconnectOptions,
} from './esdb';
