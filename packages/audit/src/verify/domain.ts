import * as E from 'fp-ts/Either';
import { CURRENT_SCHEMA_VERSION, DomainEvent, toFieldErrors } from '@assure/domain';
import type { EventDecoder } from './verifier';

/**
 * The default payload check of `verify`: the domain's event codecs (`DomainEvent` of
 * `@assure/domain`) at the current schema version. Older schema versions need the domain
 * model's `decodeEvent` (with its upcasters): pass it as `decodeEvent`.
 *
 * @example
 * domainEventDecoder('RiskClosed', 1, { riskId: 'amey', reason: 'settled' }); // right
 */
export const domainEventDecoder: EventDecoder = (type, schemaVersion, data) => {
  const candidate = { type, data };
  if (schemaVersion === CURRENT_SCHEMA_VERSION && DomainEvent.is(candidate))
    return E.right(candidate);
  if (schemaVersion !== CURRENT_SCHEMA_VERSION)
    return E.left({ message: `no codec for schema version ${schemaVersion}` });
  const r = DomainEvent.decode(candidate);
  return E.isRight(r)
    ? E.right(r.right)
    : E.left({
        message: toFieldErrors(r.left)
          .slice(0, 3)
          .map((f) => `${f.path}: ${f.message}`)
          .join('; '),
      });
};
