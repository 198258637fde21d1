import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { eventCategory, eventTypes, score, streamOfEvent, type DomainEvent } from '@assure/domain';
import type { ProjectionEvent } from '../events';
import type { HeadView } from '../view/view';
import { freshItemFacts, HistoryState, trackedTypeIndex, type ItemFacts } from './history-state';
import {
  columnsJson,
  historySectionInvalid,
  stateOfColumns,
  type HistoryColumnsJson,
  type HistorySectionInvalid,
} from './history-columns';
import { dayNumber, LastRemembered } from './trail-columns';

/**
 * The history of each recommendation, action and risk that the tracker, the register and
 * the `@2` RAG policies read beside the entity facts: where slippage counts from (restarted
 * by a reopening), who approved each due-date revision, when implementation was claimed,
 * each update by day, and a risk's scores by day.
 */

const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null]);

/** One update of an item: the day it happened and the event type. */
export const UpdateFacts = t.type({ on: t.string, event: t.string }, 'UpdateFacts');
export type UpdateFacts = t.TypeOf<typeof UpdateFacts>;

/** A risk's current score from a day on. */
export const ScoreOnFacts = t.type({ on: t.string, score: t.number }, 'ScoreOnFacts');
export type ScoreOnFacts = t.TypeOf<typeof ScoreOnFacts>;

/** A control of a risk and how well it works (null: not assessed). */
export const ControlFacts = t.type(
  { controlId: t.string, effectiveness: nullable(t.string) },
  'ControlFacts',
);
export type ControlFacts = t.TypeOf<typeof ControlFacts>;

/** The history of one item. */
export const ItemHistory = t.type(
  {
    /** Where slippage counts from after a reopening; null: the original due date. */
    baselineDueOn: nullable(t.string),
    /** Reopened and no due date set since: the next revision sets the baseline. */
    awaitingDate: t.boolean,
    /** The day of the last reopening, null when never reopened. */
    reopenedOn: nullable(t.string),
    /** The day of the pending implementation claim (recommendations), else null. */
    claimedOn: nullable(t.string),
    /** Who approved each due-date revision, in order. */
    revisionApprovers: t.array(t.string),
    updates: t.array(UpdateFacts),
    /** A risk's current score by day (the first from its identification). */
    scores: t.array(ScoreOnFacts),
    /** A risk's appetite, null when not recorded. */
    appetite: nullable(t.string),
    /** A risk's tolerance position, null when not recorded. */
    tolerance: nullable(t.type({ likelihood: t.number, impact: t.number })),
    /** A risk's controls, in the order they were added. */
    controls: t.array(ControlFacts),
    /** The actions linked as mitigating a risk, in the order linked. */
    mitigatingActions: t.array(t.string),
  },
  'ItemHistory',
);
export type ItemHistory = t.TypeOf<typeof ItemHistory>;

export { HistoryState };

/** The history of a recommendation, an action or a risk (undefined when not recorded). */
export const historyOf = (
  s: HistoryState | undefined,
  kind: 'recommendation' | 'action' | 'risk',
  id: string,
): ItemHistory | undefined => s?.get(`${kind}-${id}`);

/**
 * The facts of a recommendation, an action or a risk: its history but its updates and
 * scores, without deriving those (undefined when not recorded).
 */
export const factsOf = (
  s: HistoryState | undefined,
  kind: 'recommendation' | 'action' | 'risk',
  id: string,
): Readonly<ItemFacts> | undefined => s?.facts(`${kind}-${id}`);

type Tracked = 'recommendation' | 'action' | 'risk';

/** The field naming the item in the data of each tracked category's events. */
const ID_FIELD = {
  recommendation: 'recommendationId',
  action: 'actionId',
  risk: 'riskId',
} as const;
const HYPHEN = 45;
const KINDS: readonly Tracked[] = ['recommendation', 'action', 'risk'];

/** What the fold needs of a tracked event type: its category, id field and update index. */
interface TrackedType {
  readonly category: Tracked;
  /** The category's number: what the state finds items by id under (see `itemById`). */
  readonly kind: number;
  readonly idField: (typeof ID_FIELD)[Tracked];
  readonly index: number | undefined;
}

/**
 * The event types about a recommendation, an action or a risk: one lookup per event tells
 * the category, the field naming the item and the type's index in the packed updates.
 */
const TRACKED = new Map<string, TrackedType>(
  eventTypes.flatMap((type) => {
    const category = eventCategory[type];
    return category === 'recommendation' || category === 'action' || category === 'risk'
      ? [
          [
            type,
            {
              category,
              kind: KINDS.indexOf(category),
              idField: ID_FIELD[category],
              index: trackedTypeIndex(type),
            },
          ],
        ]
      : [];
  }),
);

/**
 * The key of an event's item (`streamOfEvent`): the envelope's stream when it is that very
 * name (checked in place: equal strings), so no new string is built and hashed per event;
 * else the name built from the event.
 */
function keyOf(e: DomainEvent, tracked: TrackedType, stream: string): string {
  const id = (e.data as Readonly<Record<string, unknown>>)[tracked.idField];
  const category = tracked.category;
  const n = category.length;
  if (
    typeof id === 'string' &&
    stream.length === n + 1 + id.length &&
    stream.charCodeAt(n) === HYPHEN &&
    stream.startsWith(category) &&
    stream.endsWith(id)
  )
    return stream;
  return streamOfEvent(e);
}

/**
 * The number of an event's item in `s`, created when new: found by its id (see
 * `HistoryState.itemById`), else by its key ({@link keyOf}).
 */
function itemOf(s: HistoryState, e: DomainEvent, tracked: TrackedType, stream: string): number {
  const id = (e.data as Readonly<Record<string, unknown>>)[tracked.idField];
  // Every tracked event's data names its item (an Id, checked by the decoder); were it
  // not a string, the item is found by the key the event names.
  if (typeof id !== 'string') return s.itemOfKey(keyOf(e, tracked, stream), freshItemFacts);
  return (
    s.itemById(tracked.kind, id) ??
    s.itemFor(tracked.kind, id, keyOf(e, tracked, stream), freshItemFacts)
  );
}

/**
 * Applies what an event sets besides its update (a new score is folded into `s` for the
 * item `item`); `occurredAt` gives the day (sliced only here), `day` its day number.
 */
function apply(
  s: HistoryState,
  item: number,
  e: DomainEvent,
  occurredAt: string,
  day: number,
): void {
  // Only a few event types change more than the list of updates (an `if` chain rather
  // than a switch over the whole union); only they take the item's facts (made then).
  if (e.type === 'RecommendationReopened' || e.type === 'ActionReopened') {
    const h = s.itemFacts(item);
    const on = occurredAt.slice(0, 10);
    h.reopenedOn = on;
    h.baselineDueOn = on;
    h.awaitingDate = true;
  } else if (e.type === 'RecommendationDueDateRevised' || e.type === 'ActionDueDateRevised') {
    const h = s.itemFacts(item);
    h.revisionApprovers.push(e.data.approvedBy);
    if (h.awaitingDate) {
      h.baselineDueOn = e.data.dueOn;
      h.awaitingDate = false;
    }
  } else if (e.type === 'ImplementationClaimed')
    s.itemFacts(item).claimedOn = occurredAt.slice(0, 10);
  else if (e.type === 'ImplementationVerified' || e.type === 'ImplementationNotVerified') {
    const h = s.setFacts(item);
    if (h !== undefined) h.claimedOn = null;
  } else if (e.type === 'RiskIdentified') {
    s.scoredItem(item, occurredAt, score(e.data.inherent), day);
    const appetite = e.data.appetite ?? null;
    const t = e.data.tolerance;
    // Neither recorded: the facts stay as made (null both), and are not made for it.
    const h = appetite === null && t === undefined ? s.setFacts(item) : s.itemFacts(item);
    if (h !== undefined) {
      h.appetite = appetite;
      h.tolerance = t === undefined ? null : { likelihood: t.likelihood, impact: t.impact };
    }
  } else if (e.type === 'RiskControlAdded')
    s.itemFacts(item).controls.push({
      controlId: e.data.controlId,
      effectiveness: e.data.effectiveness ?? null,
    });
  else if (e.type === 'MitigatingActionLinked')
    s.itemFacts(item).mitigatingActions.push(e.data.actionId);
  else if (e.type === 'RiskRescored')
    s.scoredItem(item, occurredAt, e.data.likelihood * e.data.impact, day);
}

const { updates: _updates, scores: _scores, ...factProps } = ItemHistory.props;
/** What an item's history holds besides its updates and scores (see {@link ItemFacts}). */
export const ItemFactsCodec = t.type(factProps, 'ItemFacts');

/** The outer shape of a history section (view version 4; see {@link HistoryColumnsJson}). */
export const HistorySection = t.type(
  {
    keys: t.array(t.string),
    facts: t.array(ItemFactsCodec),
    counts: t.array(t.number),
    codes: t.string,
    verbatim: t.array(t.tuple([t.number, t.string, t.string])),
    scoreCounts: t.array(t.number),
    scoreCodes: t.string,
    scoreVerbatim: t.array(t.tuple([t.number, t.string, t.number])),
  },
  'HistorySection',
);

/** The name of the field at fault in io-ts errors (its path, `.`-joined, no union members). */
function fieldOf(errors: t.Errors): string {
  const context = errors[0]?.context ?? [];
  const path = context
    .filter((c, i) => c.key !== '' && !(context[i - 1]?.type instanceof t.UnionType))
    .map((c) => c.key);
  return path.length === 0 ? 'section' : path.join('.');
}

/**
 * Reads a history section (view version 4) straight into a {@link HistoryState}, checked
 * strictly: its outer shape, then every length and place (see {@link stateOfColumns}).
 *
 * @returns the state, or the tagged error naming the field at fault
 */
export function decodeHistorySection(u: unknown): E.Either<HistorySectionInvalid, HistoryState> {
  const j = HistorySection.decode(u);
  if (E.isLeft(j)) return E.left(historySectionInvalid(fieldOf(j.left), 'is malformed'));
  return stateOfColumns(j.right);
}

/** An item's facts with their fields in the codec's order (a snapshot's JSON keeps it). */
const factsJson = (f: ItemFacts): ItemFacts => ({
  baselineDueOn: f.baselineDueOn,
  awaitingDate: f.awaitingDate,
  reopenedOn: f.reopenedOn,
  claimedOn: f.claimedOn,
  revisionApprovers: f.revisionApprovers,
  appetite: f.appetite,
  tolerance: f.tolerance,
  controls: f.controls,
  mitigatingActions: f.mitigatingActions,
});

/**
 * Snapshot codec of a {@link HistoryState}: its columns (see {@link HistoryColumnsJson}),
 * decoded without an object per update or score; a section that does not check fails with the
 * message of its {@link HistorySectionInvalid}.
 */
export const HistoryStateCodec = new t.Type<HistoryState, HistoryColumnsJson, unknown>(
  'HistoryState',
  (u): u is HistoryState => u instanceof HistoryState,
  (u, c) => {
    const r = decodeHistorySection(u);
    return E.isLeft(r) ? t.failure(u, c, r.left.message) : t.success(r.right);
  },
  (s) => {
    const j = columnsJson(s);
    return { ...j, facts: j.facts.map(factsJson) };
  },
);

/**
 * The day number of the last `occurredAt` read: an instant equal to the last one (events of
 * one day at midnight) costs a string compare, not a parse of its day (10 `charCodeAt` in
 * optimised code).
 */
const occurredDay = new LastRemembered(dayNumber);

/** The item histories (see {@link ItemHistory}). */
export const historyView: HeadView<HistoryState, ProjectionEvent> = {
  name: 'history',
  readsEnvelopeHead: true,
  // 2: a risk's mitigating actions; 3: the updates as packed codes; 4: the scores as packed
  // codes too (see HistoryStateCodec).
  version: 4,
  initial: () => new HistoryState(),
  codec: HistoryStateCodec,
  handles: new Set(TRACKED.keys()),
  evolve: (s, p) => {
    const e = p.event;
    const tracked = TRACKED.get(e.type);
    if (tracked === undefined) return s;
    const item = itemOf(s, e, tracked, p.envelope.stream);
    const occurredAt = p.envelope.meta.occurredAt;
    // The day number, once per event (from the envelope when its source worked it out).
    const day = p.envelope.occurredDay ?? occurredDay.of(occurredAt);
    s.foldItem(item, e.type, tracked.index, occurredAt, day);
    apply(s, item, e, occurredAt, day);
    return s;
  },
};
