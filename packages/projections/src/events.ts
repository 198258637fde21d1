import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import {
  eventCodecs,
  isEventType,
  toFieldErrors,
  type DomainEvent,
  type ValidationFailed,
} from '@assure/domain';

/** The decoded domain events the read models fold: the domain's own union. */
export type ProjectionEvent = DomainEvent;

/**
 * Decodes a stored event's payload with the domain's event codecs (schema version 1; no
 * upcasters exist yet). Prefer the domain's `domainModel.decodeEvent` where it is available:
 * it is the same check and the one place upcasting will live.
 *
 * @example
 * decodeProjectionEvent('RiskClosed', 1, { riskId: 'equal-pay', reason: 'settled' }); // right
 */
export function decodeProjectionEvent(
  type: string,
  schemaVersion: number,
  data: unknown,
): E.Either<ValidationFailed, ProjectionEvent> {
  if (!isEventType(type))
    return E.left(
      failed([{ path: 'type', message: `unknown event type ${JSON.stringify(type)}` }]),
    );
  if (schemaVersion !== 1)
    return E.left(
      failed([{ path: 'schemaVersion', message: `no codec for ${type} version ${schemaVersion}` }]),
    );
  const codec: { decode: (u: unknown) => E.Either<t.Errors, unknown> } = eventCodecs[type];
  const r = codec.decode(data);
  if (E.isLeft(r)) return E.left(failed(toFieldErrors(r.left)));
  // The data passed the codec of exactly this type.
  return E.right({ type, data: r.right } as ProjectionEvent);
}

function failed(errors: ValidationFailed['errors']): ValidationFailed {
  return {
    _tag: 'ValidationFailed',
    errors,
    message: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
  };
}
