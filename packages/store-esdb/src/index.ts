/**
 * `@assure/store-esdb`: the EventStoreDB / KurrentDB adapter of the Assure store port,
 * over `@eventstore/db-client` (the only package of the project that imports it).
 */
export * from './esdb';
