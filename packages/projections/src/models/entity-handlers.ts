import type { ProjectionEvent } from '../events';
import type { Projected } from '../view/view';

/** The day (YYYY-MM-DD) of an event's valid time. */
export const day = (p: Projected<ProjectionEvent>): string =>
  p.envelope.meta.occurredAt.slice(0, 10);

/**
 * Handlers of an entity view (a map by id) for the events that name their entity in the
 * field `key`: each updates that entity, and changes nothing when it is not there (left
 * out by an as-at window, for example), which keeps the views total.
 *
 * @example
 * const onRisk = entityHandler<RiskFacts, 'riskId'>('riskId');
 * const handlers = { RiskClosed: onRisk((r) => { r.status = 'closed'; }) };
 */
export const entityHandler =
  <F, K extends string>(key: K) =>
  <D extends { readonly [k in K]: string }>(
    update: (entity: F, data: D, p: Projected<ProjectionEvent>) => void,
  ) =>
  (state: ReadonlyMap<string, F>, data: D, p: Projected<ProjectionEvent>): void => {
    const entity = state.get(data[key]);
    if (entity !== undefined) update(entity, data, p);
  };
