import type { EventMeta, ProposedEvent } from './codec';
import { literalKey, setOwn, ShapeCache } from './shapes';

/**
 * A copy of a proposed event's meta with `recordedAt` filled in when absent, its keys in
 * the same order. Built by one object literal per shape of meta (see `ShapeCache`), or key
 * by key past its bounds; never by an object spread with an overriding key, which gives
 * every copy a map of its own in V8, so `JSON.stringify` and each read of a meta field go
 * the slow way (about a microsecond more per event). The one home of this rule for the
 * draft a store writes (`draftEnvelope`) and the in-memory store's envelopes.
 */
export function metaWithRecordedAt(
  meta: ProposedEvent['meta'],
  recordedAt: string,
): Record<string, unknown> {
  const from: Readonly<Record<string, unknown>> = meta;
  const keys = Object.keys(from);
  const copier = META_COPIERS.of(keys);
  if (copier !== null) return copier(from, recordedAt);
  const out: Record<string, unknown> = {};
  for (const k of keys) setOwn(out, k, from[k]);
  if (out['recordedAt'] === undefined) out['recordedAt'] = recordedAt;
  return out;
}

/** Copies a meta of one shape with `recordedAt` filled in, in one object literal. */
type MetaCopier = (
  from: Readonly<Record<string, unknown>>,
  recordedAt: string,
) => Record<string, unknown>;

/**
 * The copiers of the meta shapes met (see `ShapeCache`): the same keys in the same order, a
 * `recordedAt` that is undefined set where it is, a missing one added last.
 */
const META_COPIERS = new ShapeCache<MetaCopier>((keys) => {
  const fields = keys.map((k) => {
    const read = `from[${JSON.stringify(k)}]`;
    return `${literalKey(k)}: ${k === 'recordedAt' ? `${read} === undefined ? recordedAt : ${read}` : read}`;
  });
  if (!keys.includes('recordedAt')) fields.push(`${literalKey('recordedAt')}: recordedAt`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- keys are quoted JSON strings
  return new Function('from', 'recordedAt', `return { ${fields.join(', ')} };`) as MetaCopier;
});

/** {@link metaWithRecordedAt}, frozen: the meta of an envelope the in-memory store keeps. */
export function frozenMetaWithRecordedAt(
  meta: ProposedEvent['meta'],
  recordedAt: string,
): EventMeta {
  // Every field of the proposed meta (an EventMeta less recordedAt), and recordedAt now present.
  return Object.freeze(metaWithRecordedAt(meta, recordedAt)) as unknown as EventMeta;
}
