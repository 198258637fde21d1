import type * as t from 'io-ts';
import type { EventData, EventType } from '@assure/domain';
import type { ProjectionEvent } from '../events';
import type { HeadView, Projected, ProjectedHead, View } from './view';

/**
 * What a view does on each event type it cares about: update the state it is given (which
 * the runner owns). Types without a handler leave the state as it is.
 */
export type Handlers<S> = {
  readonly [K in EventType]?: (state: S, data: EventData<K>, p: Projected<ProjectionEvent>) => void;
};

/**
 * {@link Handlers} that read only the head of each envelope (see {@link headHandlerView}).
 */
export type HeadHandlers<S> = {
  readonly [K in EventType]?: (
    state: S,
    data: EventData<K>,
    p: ProjectedHead<ProjectionEvent>,
  ) => void;
};

/** What {@link handlerView} needs besides the handlers. */
export interface HandlerViewSpec<S> {
  readonly name: string;
  readonly version?: number;
  readonly initial: () => S;
  readonly codec?: t.Type<S, unknown, unknown>;
}

/**
 * A view from one handler per event type (a table lookup by type instead of a switch).
 *
 * @example
 * const closed = handlerView({ name: 'closed', initial: () => new Set<string>() }, {
 *   RiskClosed: (s, d) => void s.add(d.riskId),
 *   RiskReopened: (s, d) => void s.delete(d.riskId),
 * });
 */
export function handlerView<S>(
  spec: HandlerViewSpec<S>,
  handlers: Handlers<S>,
): View<S, ProjectionEvent> {
  return tableView<S, Projected<ProjectionEvent>>(spec, handlers);
}

/**
 * {@link handlerView} for handlers that read only the head of each envelope: a
 * {@link HeadView}, which a snapshot's event journal can feed.
 *
 * @example
 * const closed = headHandlerView({ name: 'closed', initial: () => new Set<string>() }, {
 *   RiskClosed: (s, d) => void s.add(d.riskId),
 * });
 */
export function headHandlerView<S>(
  spec: HandlerViewSpec<S>,
  handlers: HeadHandlers<S>,
): HeadView<S, ProjectionEvent> {
  return {
    ...tableView<S, ProjectedHead<ProjectionEvent>>(spec, handlers),
    readsEnvelopeHead: true,
  };
}

function tableView<S, P extends ProjectedHead<ProjectionEvent>>(
  spec: HandlerViewSpec<S>,
  handlers: { readonly [K in EventType]?: (state: S, data: EventData<K>, p: P) => void },
): {
  readonly handles: ReadonlySet<string>;
  readonly evolve: (state: S, p: P) => S;
} & HandlerViewSpec<S> {
  const table = new Map<string, (state: S, data: unknown, p: P) => void>();
  for (const [type, h] of Object.entries(handlers))
    // Each handler is stored under the type whose data it takes; it is only called with
    // events of that type (the table is keyed by the decoded event's `type`).
    table.set(type, h as (state: S, data: unknown, p: P) => void);
  return {
    ...spec,
    handles: new Set(table.keys()),
    evolve: (state, p) => {
      const h = table.get(p.event.type);
      if (h !== undefined) h(state, p.event.data, p);
      return state;
    },
  };
}
