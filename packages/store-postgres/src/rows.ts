import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { toFieldErrors } from '@assure/domain';
import {
  computeEventHash,
  draftEnvelope,
  Envelope,
  GENESIS_HASH,
  isEnvelopeFast,
  StoreErrors,
  storableEnvelope,
  type ChainHead,
  type ProposedEvent,
  type StoreError,
} from '@assure/event-store';

/** One event as the store writes it: the row's columns. */
export interface EventRow {
  readonly position: string;
  readonly stream: string;
  readonly revision: number;
  readonly hash: string;
  readonly recordedAt: string;
  /** The envelope's JSON text, stored verbatim in the `json` column. */
  readonly text: string;
  readonly envelope: Envelope;
}

/** Renders io-ts errors as `path: reason; ...` (as the file store does). */
function describe(errors: t.Errors): string {
  return toFieldErrors(errors)
    .map((f) => `${f.path === '' ? '(the envelope)' : f.path}: ${f.message}`)
    .join('; ');
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Builds the envelopes of an append: positions from `firstPosition` up, revisions and
 * `prevHash` following the stream's head, `recordedAt` filled from the clock when absent,
 * and the hash. Each envelope is written to JSON, read back through the Envelope codec and
 * hashed as read back, so the store never writes what it could not read or verify (data
 * that is not plain JSON is refused here, naming the event).
 */
export function prepareRows(
  stream: string,
  proposed: readonly ProposedEvent[],
  head: ChainHead | undefined,
  firstPosition: bigint,
  recordedAt: string,
): E.Either<StoreError, readonly EventRow[]> {
  const rows: EventRow[] = [];
  let position = firstPosition;
  let revision = head === undefined ? 0 : head.revision + 1;
  let prevHash = head === undefined ? GENESIS_HASH : head.hash;
  for (const [i, p] of proposed.entries()) {
    const decoded = storableEnvelope(
      draftEnvelope(p, { position: position.toString(), stream, revision, prevHash }, recordedAt),
    );
    if (E.isLeft(decoded)) return E.left(StoreErrors.cannotStore(stream, i, decoded.left));
    const envelope: Envelope = { ...decoded.right, hash: computeEventHash(decoded.right) };
    rows.push({
      position: envelope.position,
      stream,
      revision,
      hash: envelope.hash,
      recordedAt: envelope.meta.recordedAt,
      text: JSON.stringify(envelope),
      envelope,
    });
    position++;
    revision++;
    prevHash = envelope.hash;
  }
  return E.right(rows);
}

/** A row as read: its key columns and the envelope's JSON text as stored. */
export interface ReadRow {
  readonly position: string;
  readonly stream: string;
  readonly revision: number;
  readonly envelope: string;
}

/**
 * Decodes a row read back into an envelope: the stored JSON must parse and pass the
 * Envelope codec (`StoreCorrupt` otherwise) and agree with the row's own position, stream
 * and revision (`Tampered` otherwise: someone edited the table by hand).
 */
export function decodeRow(row: ReadRow): E.Either<StoreError, Envelope> {
  let json: unknown;
  try {
    json = JSON.parse(row.envelope);
  } catch (e) {
    return E.left(StoreErrors.corrupt(row.position, `the row is not JSON: ${messageOf(e)}`));
  }
  const decoded = isEnvelopeFast(json) ? E.right(json) : Envelope.decode(json);
  if (E.isLeft(decoded))
    return E.left(
      StoreErrors.corrupt(
        row.position,
        `the row fails the Envelope codec: ${describe(decoded.left)}`,
      ),
    );
  const e = decoded.right;
  if (e.position !== row.position || e.stream !== row.stream || e.revision !== row.revision)
    return E.left(
      StoreErrors.tampered(
        row.position,
        row.stream,
        row.revision,
        `row-mismatch: the row (position ${row.position}, ${row.stream}@${row.revision}) holds the envelope of ${e.stream}@${e.revision} at position ${e.position}`,
      ),
    );
  return E.right(e);
}
