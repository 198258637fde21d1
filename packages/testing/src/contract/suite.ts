import type * as JestGlobals from '@jest/globals';
import type { EventStore, PayloadDecoder } from '@assure/event-store';

/** A store made for one test, and how to dispose of it (close it, remove its files). */
export interface StoreUnderTest {
  readonly store: EventStore;
  readonly cleanup: () => Promise<void>;
}

/** Makes a fresh, empty store for each test. */
export type StoreFactory = () => Promise<StoreUnderTest>;

/** Options of {@link describeEventStoreContract}. */
export interface ContractOptions {
  /** Runs of each property test (default 20). Lower it for slow stores. */
  readonly numRuns?: number;
  /** Concurrent writers in the concurrency tests (default 10). */
  readonly writers?: number;
  /**
   * Whether the store offers `appendIfHead` (default false: then the suite checks it is
   * absent, so a store cannot claim it by accident).
   */
  readonly conditionalAppend?: boolean;
  /**
   * Whether the store claims `retainsEnvelopes` (default false: then the suite checks it
   * does not, for the same reason).
   */
  readonly retainsEnvelopes?: boolean;
  /**
   * Whether the store offers `readStreamNow` (default false: then the suite checks it is
   * absent).
   */
  readonly syncStreamReads?: boolean;
  /**
   * The payload decoder the factory's stores check every append with, if any: the suite
   * then holds `readDecodedBatches` to it. Without one, `readDecodedBatches` (when offered)
   * must answer `undefined` for every decoder.
   */
  readonly payloadDecoder?: PayloadDecoder;
  /** The command handler race on one stream: handlers, and commands each (default 8 x 20). */
  readonly handlerRace?: { readonly handlers: number; readonly commands: number };
}

/** Declares one test over a fresh store of the suite's factory. */
export type StoreTest = (title: string, body: (store: EventStore) => Promise<void>) => void;

/** What each part of the contract suite is declared with. */
export interface ContractSuite {
  /** jest's functions (`describe`, `expect`, `it`). */
  readonly jest: typeof JestGlobals;
  /** Declares a test over a fresh store, cleaned up after it. */
  readonly test: StoreTest;
  readonly factory: StoreFactory;
  readonly options: ContractOptions;
  /** Runs of each property test. */
  readonly numRuns: number;
  /** Concurrent writers in the concurrency tests. */
  readonly writers: number;
}

/**
 * jest's functions, loaded only when a suite is declared: `@jest/globals` throws when
 * imported outside jest, and this package's fixtures and generators also serve benchmarks.
 */
export function jestGlobals(): typeof JestGlobals {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@jest/globals') as typeof JestGlobals;
}

/** Runs `body` over a fresh store of `factory`, always cleaning it up. */
export async function withStore(
  factory: StoreFactory,
  body: (store: EventStore) => Promise<void>,
): Promise<void> {
  const { store, cleanup } = await factory();
  try {
    await body(store);
  } finally {
    await cleanup();
  }
}

/** The suite's context for one store factory and its options. */
export function contractSuite(factory: StoreFactory, options: ContractOptions): ContractSuite {
  const jest = jestGlobals();
  return {
    jest,
    test: (title, body) => jest.it(title, () => withStore(factory, body)),
    factory,
    options,
    numRuns: options.numRuns ?? 20,
    writers: options.writers ?? 10,
  };
}
