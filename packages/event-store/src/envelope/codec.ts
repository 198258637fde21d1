import * as t from 'io-ts';
import { strict } from '@assure/domain';
import { metaWithRecordedAt } from './meta-copy';

const pattern = (name: string, re: RegExp) =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && re.test(u),
    (u, c) =>
      typeof u === 'string' && re.test(u) ? t.success(u) : t.failure(u, c, `expected ${name}`),
    t.identity,
  );

/** A lowercase hex SHA-256 digest (64 characters). */
export const Hash = pattern('a lowercase hex sha-256 (64 characters)', /^[0-9a-f]{64}$/);
/** A global position: a decimal string without leading zeros. */
export const PositionString = pattern('a decimal position string', /^(0|[1-9][0-9]*)$/);
/** A stream name: `<category>-<id>` or `ledger-seals`. */
export const StreamName = pattern(
  'a stream name (lowercase letters, digits and dashes)',
  /^[a-z][a-z0-9-]{0,127}$/,
);
/** An instant in `Date.prototype.toISOString()` form. */
export const Instant = new t.Type<string, string, unknown>(
  'an ISO-8601 instant (YYYY-MM-DDTHH:mm:ss.sssZ)',
  (u): u is string => typeof u === 'string' && isInstant(u),
  (u, c) =>
    typeof u === 'string' && isInstant(u)
      ? t.success(u)
      : t.failure(u, c, 'expected an instant like 2019-03-12T00:00:00.000Z'),
  t.identity,
);
function isInstant(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(s)) return false;
  const d = new Date(s);
  return !Number.isNaN(d.getTime()) && d.toISOString() === s;
}
const NonEmpty = pattern('a non-empty string', /^[\s\S]+$/);
/** A codec, named `name`, of the safe integers >= `min`. */
function integerAtLeast(min: number, name: string): t.Type<number, number, unknown> {
  const is = (u: unknown): u is number =>
    typeof u === 'number' && Number.isSafeInteger(u) && u >= min;
  return new t.Type<number, number, unknown>(
    name,
    is,
    (u, c) => (is(u) ? t.success(u) : t.failure(u, c, `expected an integer >= ${min}`)),
    t.identity,
  );
}
/** An integer >= 0 (revisions, counts, tree sizes and indexes). */
export const NonNegativeInteger: t.Type<number, number, unknown> = integerAtLeast(
  0,
  'an integer >= 0',
);
const Revision = NonNegativeInteger;
const SchemaVersion = integerAtLeast(1, 'a schema version (integer >= 1)');
const JsonObject = new t.Type<Record<string, unknown>, Record<string, unknown>, unknown>(
  'a JSON object',
  (u): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u),
  (u, c) =>
    typeof u === 'object' && u !== null && !Array.isArray(u)
      ? t.success(u as Record<string, unknown>)
      : t.failure(u, c, 'expected a JSON object'),
  t.identity,
);

/**
 * The envelope's `meta`: who, in what role, valid time, transaction time, and command lineage;
 * `credentialId` names the API key or token a served command was authenticated with.
 */
export const EventMeta = strict(
  { actor: NonEmpty, role: NonEmpty, occurredAt: Instant, recordedAt: Instant },
  {
    commandId: NonEmpty,
    correlationId: NonEmpty,
    causationId: NonEmpty,
    /**
     * SHA-256 of the canonical JSON of the command `{type, data}` that decided the event
     * (written by the command handler): a repeated commandId is the same command only if
     * this, the actor and the role match.
     */
    commandHash: Hash,
    backfill: t.literal(true),
    credentialId: NonEmpty,
  },
  'EventMeta',
);
export type EventMeta = t.TypeOf<typeof EventMeta>;

/**
 * The normative event envelope (ARCHITECTURE.md): every stored event, in every store and
 * in every export, has exactly these fields. `data` is decoded separately by the domain
 * codec named by `type`/`schemaVersion`.
 */
export const Envelope = strict(
  {
    position: PositionString,
    stream: StreamName,
    revision: Revision,
    eventId: NonEmpty,
    type: NonEmpty,
    schemaVersion: SchemaVersion,
    data: JsonObject,
    meta: EventMeta,
    prevHash: Hash,
    hash: Hash,
  },
  {},
  'Envelope',
);
export type Envelope = t.TypeOf<typeof Envelope>;

/**
 * The envelope's fields in their normative order: the order of every stored line and every
 * export line. The one list of them: the serializer, the hashed part and the fast guard
 * follow it (a field added to the codec above is added here, and the compiler checks both
 * agree).
 */
export const ENVELOPE_FIELDS = [
  'position',
  'stream',
  'revision',
  'eventId',
  'type',
  'schemaVersion',
  'data',
  'meta',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof Envelope)[];

/** Every key of `Envelope` is in {@link ENVELOPE_FIELDS} (a compile-time check). */
type MissingFields = Exclude<keyof Envelope, (typeof ENVELOPE_FIELDS)[number]>;
const allFieldsListed: [MissingFields] extends [never] ? true : MissingFields = true;
void allFieldsListed;

/** The hashed part of an envelope: everything but `position` and `hash`. */
export type HashedEnvelope = Omit<Envelope, 'position' | 'hash'>;

/**
 * What a writer hands to a store: the store assigns `revision`, `prevHash`, `hash` and
 * `position`, and fills `meta.recordedAt` from its clock when absent (a backfill sets it).
 */
export interface ProposedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Record<string, unknown>;
  readonly meta: Omit<EventMeta, 'recordedAt'> & { readonly recordedAt?: string };
}

/** The `prevHash` of a stream's first event: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** Where a store places a proposed event: its position, stream, revision and `prevHash`. */
export interface EnvelopePlace {
  /** The global position, as a decimal string. */
  readonly position: string;
  /** The stream appended to. */
  readonly stream: string;
  /** The event's revision in its stream (0 for the first). */
  readonly revision: number;
  /** The hash of the stream's previous event ({@link GENESIS_HASH} for the first). */
  readonly prevHash: string;
}

/**
 * The envelope a store writes for a proposed event, before it is checked and hashed: the
 * fields in their normative order ({@link ENVELOPE_FIELDS}, so `JSON.stringify` writes them
 * as a stored line has them), `meta.recordedAt` filled in when absent (the meta's keys kept
 * in their order), the hash a placeholder ({@link GENESIS_HASH}). Nothing is checked: the
 * store reads the draft back through the `Envelope` codec before it hashes it.
 *
 * @example
 * const draft = draftEnvelope(proposed, { position: '0', stream, revision: 0, prevHash: GENESIS_HASH }, now);
 */
export function draftEnvelope(
  proposed: ProposedEvent,
  place: EnvelopePlace,
  recordedAt: string,
): Record<(typeof ENVELOPE_FIELDS)[number], unknown> {
  return {
    position: place.position,
    stream: place.stream,
    revision: place.revision,
    eventId: proposed.eventId,
    type: proposed.type,
    schemaVersion: proposed.schemaVersion,
    data: proposed.data,
    meta: metaWithRecordedAt(proposed.meta, recordedAt),
    prevHash: place.prevHash,
    hash: GENESIS_HASH,
  };
}
