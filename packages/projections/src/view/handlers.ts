import type * as t from 'io-ts';
import type { EventData, EventType } from '@assure/domain';
import type { ProjectionEvent } from '../events';
import type { Projected, View } from './view';

/**
 * What a view does on each event type it cares about: update the state it is given (which
 * the runner owns). Types without a handler leave the state as it is.
 */
export type Handlers<S> = {
  readonly [K in EventType]?: (state: S, data: EventData<K>, p: Projected<ProjectionEvent>) => void;
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
  const table = new Map<string, (state: S, data: unknown, p: Projected<ProjectionEvent>) => void>();
  for (const [type, h] of Object.entries(handlers))
    // Each handler is stored under the type whose data it takes; it is only called with
    // events of that type (the table is keyed by the decoded event's `type`).
    table.set(type, h as (state: S, data: unknown, p: Projected<ProjectionEvent>) => void);
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
