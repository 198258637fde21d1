import * as E from 'fp-ts/Either';
import {
  hasRetainedEnvelopes,
  readAllInBatches,
  StoreErrors,
  storeErrorOf,
  type EventStore,
} from '@assure/event-store';
import { ProjectionErrors, type ProjectionError } from '../view/errors';
import type { EventDecoder } from '../view/runner';
import { comparePositions } from '../view/time';
import type { ItemsSpec, Projected, View } from '../view/view';
import {
  isPlainObject,
  same,
  valueAt,
  versionOf,
  type ItemVersion,
  type Texts,
} from './as-at-versions';

/** The as-at index's items folded from their own events (see `AsAtIndex.refold`). */

/** What the index needs of a view: its items, and its state as a map. */
export interface ItemView<Ev> {
  readonly view: View<unknown, Ev>;
  readonly items: ItemsSpec<unknown, Ev>;
  readonly appendOnly: ReadonlySet<string>;
}

/** The texts of an entry (null: absent); append-only fields as lengths when `mono`. */
export function textsOf<Ev>(
  v: ItemView<Ev>,
  entry: unknown,
  present: boolean,
  mono: boolean,
): Texts | null {
  if (!present) return null;
  const encoded = v.items.entry.encode(entry);
  if (!isPlainObject(encoded)) return JSON.stringify(encoded);
  const out: Record<string, string> = {};
  for (const k of Object.keys(encoded)) {
    const x = encoded[k];
    out[k] = mono && v.appendOnly.has(k) && Array.isArray(x) ? String(x.length) : JSON.stringify(x);
  }
  return out;
}

/**
 * The events of the wanted items of each view, by key, in log order: one read of the log
 * (up to position `last`, inclusive, when given), every event decoded.
 */
export async function itemEvents<Ev>(
  store: EventStore,
  decode: EventDecoder<Ev>,
  views: readonly ItemView<Ev>[],
  wanted: readonly ReadonlySet<string>[],
  last: string | null,
): Promise<E.Either<ProjectionError, Map<string, Projected<Ev>[]>[]>> {
  const events = views.map(() => new Map<string, Projected<Ev>[]>());
  const retained = hasRetainedEnvelopes(store);
  try {
    for await (const batch of readAllInBatches(store, {}))
      for (const envelope of batch) {
        if (last !== null && comparePositions(envelope.position, last) > 0) return E.right(events);
        const decoded = decode(envelope.type, envelope.schemaVersion, envelope.data);
        if (decoded._tag === 'Left')
          return E.left(
            ProjectionErrors.undecodable(
              envelope.position,
              envelope.stream,
              envelope.revision,
              envelope.type,
              envelope.schemaVersion,
              decoded.left.errors,
            ),
          );
        const event = decoded.right;
        const type = typeOfEvent(event);
        views.forEach((v, i) => {
          const keys = wanted[i];
          if (keys === undefined || keys.size === 0) return;
          if (v.view.handles !== undefined && (type === undefined || !v.view.handles.has(type)))
            return;
          const key = v.items.keyOf(event);
          if (key === undefined || !keys.has(key)) return;
          const m = events[i] as Map<string, Projected<Ev>[]>;
          const list = m.get(key);
          const projected = { envelope, event, retained };
          if (list === undefined) m.set(key, [projected]);
          else list.push(projected);
        });
      }
  } catch (e) {
    return E.left(storeErrorOf(e) ?? StoreErrors.unavailable(String(e)));
  }
  return E.right(events);
}

/** An item's versions from its events (log order): its entry after each of its days. */
export function versionsByDay<Ev>(
  v: ItemView<Ev>,
  key: string,
  events: readonly Projected<Ev>[],
): ItemVersion[] {
  const dayOf = (p: Projected<Ev>) => p.envelope.meta.occurredAt.slice(0, 10);
  const days = [...new Set(events.map(dayOf))].sort();
  const versions: ItemVersion[] = [];
  let state = v.view.initial() as Map<string, unknown>;
  let pos: string | null = null;
  let texts: Texts | null = null;
  for (const day of days) {
    // The day's events come after every earlier day's: fold them onto the state; else
    // fold every event valid on or before the day from zero.
    const first = events.findIndex((p) => dayOf(p) === day);
    const lastEarlier = events.reduce((m, p, j) => (dayOf(p) < day ? j : m), -1);
    const from = first > lastEarlier ? first : 0;
    if (from === 0) {
      state = v.view.initial() as Map<string, unknown>;
      pos = null;
    }
    for (let j = from; j < events.length; j++) {
      const p = events[j] as Projected<Ev>;
      const d = dayOf(p);
      if (from === 0 ? d > day : d !== day) continue;
      const had = state.has(key);
      state = v.view.evolve(state, p) as Map<string, unknown>;
      const has = state.has(key);
      pos = has ? (had ? pos : p.envelope.position) : null;
    }
    const now = textsOf(v, state.get(key), state.has(key), false);
    const before = versions.length === 0 ? null : texts;
    const beforePos = versions.length === 0 ? null : valueAt(versions, versions.length - 1).pos;
    if (!(same(now, before) && pos === beforePos))
      versions.push(versionOf(day, before, now, beforePos, pos));
    texts = now;
  }
  return versions;
}

function typeOfEvent(event: unknown): string | undefined {
  return typeof event === 'object' &&
    event !== null &&
    'type' in event &&
    typeof event.type === 'string'
    ? event.type
    : undefined;
}
