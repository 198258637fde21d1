import { decodeEvent, type DomainEvent } from '@assure/domain';
import type { EventDecoder } from './view/runner';

/** The decoded domain events the read models fold: the domain's own union. */
export type ProjectionEvent = DomainEvent;

/**
 * The default payload decoder: the domain's `decodeEvent` itself (codec of the type,
 * upcasting of older schema versions), so a memory store that checks payloads with either
 * name hands its decodings to a projector using the other.
 *
 * @example
 * decodeProjectionEvent('RiskClosed', 1, { riskId: 'equal-pay', reason: 'settled' }); // right
 */
export const decodeProjectionEvent: EventDecoder<ProjectionEvent> = decodeEvent;
