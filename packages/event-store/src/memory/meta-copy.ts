import type { EventMeta, ProposedEvent } from '../envelope';

// The in-memory store's copy of an event's meta (moved out of the store as it was).

/**
 * A frozen copy of a proposed event's meta with `recordedAt` filled in when absent (the
 * keys in the same order). Built key by key: a spread with an overriding key gave every
 * copy a map of its own in V8, and each read of a meta field then went the slow way.
 */
export function metaWithRecordedAt(proposed: ProposedEvent['meta'], recordedAt: string): EventMeta {
  const out: Record<string, unknown> = {};
  const from: Readonly<Record<string, unknown>> = proposed;
  for (const k of Object.keys(from)) out[k] = from[k];
  if (out['recordedAt'] === undefined) out['recordedAt'] = recordedAt;
  // Every field of the proposed meta, and recordedAt now present: an EventMeta.
  return Object.freeze(out) as unknown as EventMeta;
}
