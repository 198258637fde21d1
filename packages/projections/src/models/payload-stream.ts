import { eventCategory, eventTypes, idFields } from '@assure/domain';

/** How a type's events name their stream: `prefix` and the id in the payload's `field`. */
interface StreamRule {
  readonly prefix: string;
  readonly field: string;
}

/**
 * The stream each event type's payload names: `<category>-<id>` (what `streamOfEvent`
 * gives). Only a hint: a row's stream is left out only when it is, character for
 * character, what the rule makes of the row's own payload, and made again by the same rule.
 */
const STREAM_RULES = new Map<string, StreamRule>(
  eventTypes.flatMap((type): [string, StreamRule][] => {
    const category = eventCategory[type];
    const field = idFields[category];
    return field === null ? [] : [[type, { prefix: `${category}-`, field }]];
  }),
);

/** The string a payload holds in `field`, else undefined. */
function idIn(payload: unknown, field: string): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const id: unknown = (payload as Readonly<Record<string, unknown>>)[field];
  return typeof id === 'string' ? id : undefined;
}

/**
 * Whether `stream` is the one the payload of an event of `type` names: its rule's prefix
 * followed by the payload's id (checked in place: no string made).
 */
export function isPayloadStream(stream: string, type: string, payload: unknown): boolean {
  const rule = STREAM_RULES.get(type);
  if (rule === undefined) return false;
  const id = idIn(payload, rule.field);
  return (
    id !== undefined &&
    stream.length === rule.prefix.length + id.length &&
    stream.startsWith(rule.prefix) &&
    stream.endsWith(id)
  );
}

/**
 * The stream the payload of an event of `type` names, for a pair {@link isPayloadStream}
 * accepted (else a string that is not a stream).
 */
export function payloadStream(type: string, payload: unknown): string {
  const rule = STREAM_RULES.get(type);
  return rule === undefined ? '' : rule.prefix + (idIn(payload, rule.field) ?? '');
}
