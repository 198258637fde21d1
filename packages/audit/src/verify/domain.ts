import { domainModel } from '@assure/domain';
import type { EventDecoder } from './verifier';

/**
 * The default payload check of `verify`: the domain model's `decodeEvent` (the codec of
 * the event's type at its schema version, upcasting older versions).
 *
 * @example
 * domainEventDecoder('RiskClosed', 1, { riskId: 'amey', reason: 'settled' }); // right
 */
export const domainEventDecoder: EventDecoder = (type, schemaVersion, data) =>
  domainModel.decodeEvent(type, schemaVersion, data);
