/**
 * `@assure/store-esdb/testing`: the EventStoreDB test double, for tests of this package and
 * of any other that drives the adapter (the CLI's, an app's). Not a product: see the README.
 *
 * @example
 * import { EsdbDouble } from '@assure/store-esdb/testing';
 * const double = await EsdbDouble.start({ batchAppend: true });
 * // ... open the adapter on double.connectionString; at the end: await double.stop();
 */
export {
  EsdbDouble,
  type AppendFault,
  type DoubleRecord,
  type EsdbDoubleOptions,
  type Expected,
  type Proposed,
} from './esdb-double';
