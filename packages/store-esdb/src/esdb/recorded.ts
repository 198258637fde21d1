/**
 * What the adapter exchanges with `@eventstore/db-client` in the client's own types: positions,
 * the JSON event written for an envelope, and the envelope read back from a recorded event.
 * Kept apart from `mapping.ts` so that the package's public declarations never load the
 * client's (which fail to compile, `skipLibCheck` off, beside the `esnext.disposable` lib).
 */
import * as E from 'fp-ts/Either';
import { PathReporter } from 'io-ts/PathReporter';
import {
  jsonEvent,
  type AllStreamResolvedEvent,
  type EventData,
  type JSONEventType,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  decodeEnvelope,
  describeEnvelopeErrors,
  StoreErrors,
  type Envelope,
  type StoreError,
} from '@assure/event-store';
import { esdbEventId, EsdbMetadata, positionToString, revisionToNumber } from './mapping';

/**
 * The EventStoreDB `$all` position for a port position. Events appended through gRPC have
 * equal commit and prepare positions (prepare differs only in explicit TCP transactions).
 */
export function toEsdbPosition(position: bigint): Position {
  return { commit: position, prepare: position };
}

/** The JSON event EventStoreDB stores for an envelope (all but `position`). */
export function toEsdbEvent(e: Omit<Envelope, 'position'>): EventData<JSONEventType> {
  const id = esdbEventId(e.eventId);
  const metadata: Record<string, unknown> = {
    schemaVersion: e.schemaVersion,
    meta: e.meta,
    prevHash: e.prevHash,
    hash: e.hash,
    ...(id === e.eventId ? {} : { eventId: e.eventId }),
    ...(e.meta.correlationId === undefined ? {} : { $correlationId: e.meta.correlationId }),
    ...(e.meta.causationId === undefined ? {} : { $causationId: e.meta.causationId }),
  };
  return jsonEvent({ id, type: e.type, data: e.data, metadata });
}

/** What {@link decodeRecorded} reads: the client's resolved event (stream or `$all` read). */
export type AnyResolvedEvent = ResolvedEvent | AllStreamResolvedEvent;

/**
 * Decodes one recorded event into the port's envelope (dropping `streamPrefix` from the
 * EventStoreDB stream name); anything that does not decode is `StoreCorrupt` at its
 * position (or at `unknown` when the server sent none).
 */
export function decodeRecorded(
  resolved: AnyResolvedEvent,
  streamPrefix = '',
): E.Either<StoreError, Envelope> {
  const rec = resolved.event;
  const commit = rec?.position?.commit ?? resolved.commitPosition;
  const position = commit === undefined ? 'unknown' : positionToString(commit);
  const corrupt = (reason: string) => E.left(StoreErrors.corrupt(position, reason));
  if (rec === undefined) return corrupt('a read result without a recorded event');
  if (commit === undefined) return corrupt(`event ${rec.id} arrived without a position`);
  if (!rec.isJson) return corrupt(`event ${rec.id} in ${rec.streamId} is not JSON`);
  const meta = EsdbMetadata.decode(rec.metadata);
  if (E.isLeft(meta)) {
    return corrupt(
      `event ${rec.id} in ${rec.streamId}: metadata is not an Assure envelope (${PathReporter.report(meta).join('; ')})`,
    );
  }
  if (!rec.streamId.startsWith(streamPrefix)) {
    return corrupt(`event ${rec.id}: stream ${rec.streamId} lacks the prefix ${streamPrefix}`);
  }
  const revision = revisionToNumber(rec.revision);
  if (revision === undefined) {
    return corrupt(`event ${rec.id} in ${rec.streamId}: revision ${rec.revision} out of range`);
  }
  const candidate = {
    position,
    stream: rec.streamId.slice(streamPrefix.length),
    revision,
    eventId: meta.right.eventId ?? rec.id,
    type: rec.type,
    schemaVersion: meta.right.schemaVersion,
    data: rec.data,
    meta: meta.right.meta,
    prevHash: meta.right.prevHash,
    hash: meta.right.hash,
  };
  // The envelope line codec's decoding (its fast guard, then the codec's reasons).
  const decoded = decodeEnvelope(candidate);
  return E.isLeft(decoded)
    ? corrupt(
        `event ${rec.id} in ${rec.streamId} is not a valid envelope: ${describeEnvelopeErrors(decoded.left)}`,
      )
    : E.right(decoded.right);
}
