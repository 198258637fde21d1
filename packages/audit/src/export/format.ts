import * as t from 'io-ts';
import { strict } from '@assure/domain';
import { Instant, NonNegativeInteger } from '@assure/event-store';

const Count = NonNegativeInteger;

/**
 * The first line of an export (CLI.md, normative):
 * `{"format":"assure-export","version":1,"exportedAt":...,"events":N}`.
 */
export const ExportHeader = strict(
  {
    format: t.literal('assure-export'),
    version: t.literal(1),
    exportedAt: Instant,
    events: Count,
  },
  {},
  'ExportHeader',
);
export type ExportHeader = t.TypeOf<typeof ExportHeader>;

/** The stream seals are appended to. */
export const SEAL_STREAM = 'ledger-seals';
/** The event type of a seal. */
export const SEAL_TYPE = 'LedgerSealed';

const HexDigest = new t.Type<string, string, unknown>(
  'a lowercase hex sha-256 (64 characters)',
  (u): u is string => typeof u === 'string' && /^[0-9a-f]{64}$/.test(u),
  (u, c) =>
    typeof u === 'string' && /^[0-9a-f]{64}$/.test(u)
      ? t.success(u)
      : t.failure(u, c, 'expected 64 lowercase hex characters'),
  t.identity,
);

/**
 * The payload of `LedgerSealed` as the audit checks it: the tree size (events before the
 * seal), the root of that prefix, and the position of the last event in it.
 */
export const SealData = t.type(
  { treeSize: Count, root: HexDigest, lastPosition: t.string },
  'SealData',
);
export type SealData = t.TypeOf<typeof SealData>;
