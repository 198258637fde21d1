import type * as t from 'io-ts';
import type { ProjectionEvent } from '../events';
import { headHandlerView, type HeadHandlers } from '../view/handlers';
import type { HeadView, ProjectedHead } from '../view/view';
import { plainMapOf } from './map-codec';

/** The day (YYYY-MM-DD) of an event's valid time. */
export const day = (p: ProjectedHead<ProjectionEvent>): string =>
  p.envelope.meta.occurredAt.slice(0, 10);

type Named<K extends string> = { readonly [k in K]: string };
type P = ProjectedHead<ProjectionEvent>;

/**
 * The handlers of an entity view (a map by id) for the events that name their entity in
 * the field `key`. `create` adds the entity unless it is there already; `update` changes
 * it, and changes nothing when it is not there (left out by an as-at window, for
 * example), which keeps the views total.
 *
 * @example
 * const risk = entityHandlers<RiskFacts, 'riskId'>('riskId');
 * const handlers = { RiskClosed: risk.sets('status', 'closed') };
 */
export const entityHandlers = <F extends object, K extends string>(key: K) => ({
  create:
    <D extends Named<K>>(make: (data: D, p: P) => F) =>
    (state: Map<string, F>, data: D, p: P): void => {
      const id = data[key];
      if (!state.has(id)) state.set(id, make(data, p));
    },
  update:
    <D extends Named<K>>(change: (entity: F, data: D, p: P) => void) =>
    (state: ReadonlyMap<string, F>, data: D, p: P): void => {
      const entity = state.get(data[key]);
      if (entity !== undefined) change(entity, data, p);
    },
  /** An `update` that sets one fact to a constant (a status, a flag). */
  sets:
    <Field extends keyof F>(field: Field, value: F[Field]) =>
    (state: ReadonlyMap<string, F>, data: Named<K>): void => {
      const entity = state.get(data[key]);
      if (entity !== undefined) entity[field] = value;
    },
  /** An `update` that sets one fact to what `pick` takes from the event's data. */
  setsFrom:
    <Field extends keyof F, D extends Named<K>>(field: Field, pick: (data: D) => F[Field]) =>
    (state: ReadonlyMap<string, F>, data: D): void => {
      const entity = state.get(data[key]);
      if (entity !== undefined) entity[field] = pick(data);
    },
});

/**
 * A view of one kind of entity: its facts by id, in the order entities first appear,
 * snapshotted as `[id, facts]` entries. It reads only the head of each envelope (a
 * {@link HeadView}).
 */
export function entityView<C extends t.Mixed>(
  spec: { readonly name: string; readonly version: number; readonly facts: C },
  handlers: HeadHandlers<Map<string, t.TypeOf<C>>>,
): HeadView<Map<string, t.TypeOf<C>>, ProjectionEvent> {
  const { name, version, facts } = spec;
  const initial = (): Map<string, t.TypeOf<C>> => new Map();
  return headHandlerView({ name, version, initial, codec: plainMapOf(facts) }, handlers);
}
