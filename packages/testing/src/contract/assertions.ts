import {
  computeEventHash,
  GENESIS_HASH,
  readAllInBatches,
  type Envelope,
  type EventStore,
  type ProposedEvent,
  type ReadAllOptions,
  type StoreError,
} from '@assure/event-store';
import { proposedEvent } from '../fixtures';
import { collect } from './helpers';
import { jestGlobals } from './suite';

/** The contract suite's own checks, shared by its parts (not exported by the package). */

export function expectWrongExpected(
  error: StoreError,
  stream: string,
  expected: string,
  actual: string,
): void {
  const { expect } = jestGlobals();
  expect(error).toMatchObject({ _tag: 'WrongExpectedRevision', stream, expected, actual });
  expect(typeof error.message).toBe('string');
}

/** A proposed event backfilled with its own transaction time. */
export function backfilledAt(recordedAt: string): ProposedEvent {
  return proposedEvent({
    meta: { recordedAt, backfill: true, occurredAt: '2016-04-30T00:00:00.000Z' },
  });
}

/** Whether a value and everything reachable from it is frozen. */
export function deeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(deeplyFrozen);
}

/** Checks every stream's chain in a log read in position order; returns the problems. */
export function chainProblems(log: readonly Envelope[]): string[] {
  const heads = new Map<string, Envelope>();
  const problems: string[] = [];
  for (const e of log) {
    const prev = heads.get(e.stream);
    const where = `${e.stream}@${e.revision} (position ${e.position})`;
    if (e.revision !== (prev === undefined ? 0 : prev.revision + 1))
      problems.push(`${where}: revision does not follow ${prev?.revision ?? 'nothing'}`);
    if (e.prevHash !== (prev === undefined ? GENESIS_HASH : prev.hash))
      problems.push(`${where}: prevHash is not the previous event's hash`);
    if (e.hash !== computeEventHash(e)) problems.push(`${where}: hash does not match its content`);
    heads.set(e.stream, e);
  }
  return problems;
}

export function expectStrictlyIncreasing(positions: readonly bigint[]): void {
  const { expect } = jestGlobals();
  for (let i = 1; i < positions.length; i++) {
    expect((positions[i] as bigint) > (positions[i - 1] as bigint)).toBe(true);
  }
}

/** Flattens a batched read, checking that no batch is empty. */
export async function flatten(batches: AsyncIterable<readonly Envelope[]>): Promise<Envelope[]> {
  const { expect } = jestGlobals();
  const out: Envelope[] = [];
  for await (const batch of batches) {
    expect(batch.length).toBeGreaterThan(0);
    out.push(...batch);
  }
  return out;
}

/** The error an iteration ends with (undefined when it ends normally). */
export async function failureOf(iterable: AsyncIterable<unknown>): Promise<unknown> {
  try {
    await collect(iterable);
  } catch (e) {
    return e;
  }
  return undefined;
}

/**
 * `readAllInBatches` both ways: through the store's own `readAllBatches` (when it has one)
 * and grouping its `readAll` (the fallback, in small batches so groups split the log).
 */
export function batchedReads(
  store: EventStore,
  options: ReadAllOptions,
): readonly AsyncIterable<readonly Envelope[]>[] {
  const plain = { readAll: (o?: ReadAllOptions) => store.readAll(o) };
  return [
    readAllInBatches(store, options),
    readAllInBatches(plain, { ...options, fallbackBatchSize: 3 }),
  ];
}

/** What a stored envelope must keep of the proposed event it came from. */
export function expectStoredFrom(stored: Envelope, proposed: ProposedEvent): void {
  const { expect } = jestGlobals();
  expect(stored.eventId).toBe(proposed.eventId);
  expect(stored.type).toBe(proposed.type);
  expect(stored.schemaVersion).toBe(proposed.schemaVersion);
  expect(stored.data).toEqual(proposed.data);
  const { recordedAt, ...meta } = proposed.meta;
  expect(stored.meta).toMatchObject(meta);
  if (recordedAt !== undefined) expect(stored.meta.recordedAt).toBe(recordedAt);
}
