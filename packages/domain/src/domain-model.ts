import * as E from 'fp-ts/Either';
import type { Guard } from './codec/guard';
import { compileGuard } from './codec/guard';
import { Id, Instant } from './codec/primitives';
import type { FieldError } from './codec/validation';
import { toFieldErrors } from './codec/validation';
import type { Command } from './commands';
import { Command as CommandCodec, isCommandOf } from './commands';
import type { Category } from './categories';
import type { ActionState } from './action/state';
import { evolveAction, initialActionState } from './action/state';
import { decideAction } from './action/decide';
import type { AdviserState } from './adviser/state';
import { evolveAdviser, initialAdviserState } from './adviser/state';
import { decideAdviser } from './adviser/decide';
import type { Decision, Fold } from './decision';
import { targetStream } from './decision';
import type { LedgerState } from './ledger/state';
import { evolveLedger, initialLedgerState } from './ledger/state';
import { decideLedger } from './ledger/decide';
import type { ProgrammeState } from './programme/state';
import { evolveProgramme, initialProgrammeState } from './programme/state';
import { decideProgramme } from './programme/decide';
import type { RecommendationState } from './recommendation/state';
import { evolveRecommendation, initialRecommendationState } from './recommendation/state';
import { decideRecommendation } from './recommendation/decide';
import type { RiskState } from './risk/state';
import { evolveRisk, initialRiskState } from './risk/state';
import { decideRisk } from './risk/decide';
import { ruleViolated, validationFailed } from './errors';
import type { DomainEvent, EventType } from './events';
import {
  CURRENT_SCHEMA_VERSION,
  DomainEvent as DomainEventCodec,
  LEDGER_STREAM,
  eventCodecs,
  isEventType,
} from './events';
import type { DecisionContext, Issuer, Route, ValidationFailed } from './model';
import type { CriteriaSets } from './codec/vocabulary';
import { criteriaSets } from './codec/vocabulary';

/** The state of a stream of an unknown category (nothing folds into it). */
export interface UnknownState {
  readonly kind: 'unknown';
}

/** The folded state of any stream, tagged by its aggregate kind. */
export type AggregateState =
  | ProgrammeState
  | AdviserState
  | RecommendationState
  | ActionState
  | RiskState
  | LedgerState
  | UnknownState;

const UNKNOWN: UnknownState = { kind: 'unknown' };

/** Each aggregate's fold by category: the state a stream of it starts from, and how it folds. */
const folds: { readonly [C in Category]: Fold<Extract<AggregateState, { readonly kind: C }>> } = {
  programme: { initialState: initialProgrammeState, evolve: evolveProgramme },
  adviser: { initialState: initialAdviserState, evolve: evolveAdviser },
  recommendation: { initialState: initialRecommendationState, evolve: evolveRecommendation },
  action: { initialState: initialActionState, evolve: evolveAction },
  risk: { initialState: initialRiskState, evolve: evolveRisk },
  ledger: { initialState: initialLedgerState, evolve: evolveLedger },
};

const isCategory = (s: string): s is Category => Object.hasOwn(folds, s);

/**
 * The empty state of a stream, chosen by the category prefix of its name (the ledger's one
 * stream is `ledger-seals`; any other name is of no aggregate).
 */
export function initialStateOf(stream: string): AggregateState {
  if (stream === LEDGER_STREAM) return initialLedgerState;
  const dash = stream.indexOf('-');
  const prefix = dash < 0 ? stream : stream.slice(0, dash);
  return isCategory(prefix) && prefix !== 'ledger' ? folds[prefix].initialState : UNKNOWN;
}

/** Folds one event into any stream's state (total: an event of another aggregate changes nothing). */
export function evolveAny(state: AggregateState, event: DomainEvent): AggregateState {
  if (state.kind === 'unknown') return state;
  // The fold of `state.kind` takes exactly the states of that kind, which `state` is;
  // TypeScript does not relate the key to the union member, hence the widening.
  const evolve = folds[state.kind].evolve as (s: AggregateState, e: DomainEvent) => AggregateState;
  return evolve(state, event);
}

/**
 * Routing: the target stream `<category>-<id>` and the streams the rules read: the
 * programme for AppointAdviser, RaiseRecommendation, IdentifyRisk and PlanAction, each
 * linked `recommendation-<id>` for PlanAction and HandOverRecommendations, and the
 * `action-<id>` of LinkMitigatingAction. (The programme a response's meeting is
 * recorded in is the recommendation's own: see {@link relatedOf}.)
 */
export function routeCommand(c: Command): Route {
  const stream = targetStream(c);
  if (c.type === 'AppointAdviser' || c.type === 'RaiseRecommendation' || c.type === 'IdentifyRisk')
    return { stream, related: [`programme-${c.data.programmeId}`] };
  if (c.type === 'LinkMitigatingAction') return { stream, related: [`action-${c.data.actionId}`] };
  if (c.type === 'HandOverRecommendations')
    return { stream, related: c.data.recommendationIds.map((id) => `recommendation-${id}`) };
  if (c.type === 'PlanAction')
    return {
      stream,
      related: [
        `programme-${c.data.programmeId}`,
        ...c.data.recommendationIds.map((id) => `recommendation-${id}`),
      ],
    };
  return { stream, related: [] };
}

/**
 * Streams known only once the target is folded: the adviser's own programme for
 * ReassignAdviser (its areas must exist and be active), the risk's own programme for
 * EscalateRisk (the body escalated to must exist and be active), and the recommendation's
 * own programme for RespondToRecommendation naming a meeting (the meeting, its body and its
 * day are read there, whether or not the command repeats the programmeId) and for
 * ReviseRecommendationDueDate (the body it was handed over to, if any, agrees a new date).
 */
export function relatedOf(c: Command, state: AggregateState): readonly string[] {
  if (
    ((c.type === 'RespondToRecommendation' && c.data.meetingId !== undefined) ||
      c.type === 'ReviseRecommendationDueDate') &&
    state.kind === 'recommendation' &&
    state.status !== 'none'
  )
    return [`programme-${state.programmeId}`];
  if (c.type === 'ReassignAdviser' && state.kind === 'adviser' && state.status !== 'none')
    return [`programme-${state.programmeId}`];
  if (c.type === 'EscalateRisk' && state.kind === 'risk' && state.status !== 'none')
    return [`programme-${state.programmeId}`];
  return [];
}

/**
 * The programme a command's rules read: the one a creating command names (AppointAdviser,
 * RaiseRecommendation, PlanAction, IdentifyRisk), or the aggregate's own for the commands
 * of {@link relatedOf}; none for the rest.
 */
function programmeIdFor(c: Command, state: AggregateState): string | undefined {
  if (
    c.type === 'AppointAdviser' ||
    c.type === 'RaiseRecommendation' ||
    c.type === 'PlanAction' ||
    c.type === 'IdentifyRisk'
  )
    return c.data.programmeId;
  if (
    c.type === 'ReassignAdviser' ||
    c.type === 'RespondToRecommendation' ||
    c.type === 'ReviseRecommendationDueDate' ||
    c.type === 'EscalateRisk'
  )
    return 'programmeId' in state ? state.programmeId : undefined;
  return undefined;
}

const programmeOf = (
  ctx: DecisionContext<AggregateState>,
  programmeId: string | undefined,
): ProgrammeState | undefined => {
  if (programmeId === undefined) return undefined;
  const s = ctx.related.get(`programme-${programmeId}`);
  return s?.kind === 'programme' ? s : undefined;
};

/**
 * The recommendations PlanAction links or HandOverRecommendations hands over, as folded in
 * the context (absent ones left out).
 */
function recommendationsOf(
  c: Command,
  ctx: DecisionContext<AggregateState>,
): ReadonlyMap<string, RecommendationState> {
  const recommendations = new Map<string, RecommendationState>();
  if (c.type !== 'PlanAction' && c.type !== 'HandOverRecommendations') return recommendations;
  for (const id of c.data.recommendationIds) {
    const r = ctx.related.get(`recommendation-${id}`);
    if (r?.kind === 'recommendation') recommendations.set(id, r);
  }
  return recommendations;
}

/** The action LinkMitigatingAction names, as folded in the context. */
function actionOf(c: Command, ctx: DecisionContext<AggregateState>): ActionState | undefined {
  if (c.type !== 'LinkMitigatingAction') return undefined;
  const a = ctx.related.get(`action-${c.data.actionId}`);
  return a?.kind === 'action' ? a : undefined;
}

const mismatch = (c: Command, state: AggregateState): Decision =>
  E.left(
    ruleViolated(
      'stream-kind',
      `${c.type} cannot be decided on a ${state.kind} stream (the handler passed the wrong state)`,
    ),
  );

/** What a domain model is configured with, beyond its policies (see {@link makeDomainModel}). */
export interface DomainConfig {
  /** The criteria sets stocktakes judge against (default: the built-in {@link criteriaSets}). */
  readonly criteriaSets: CriteriaSets;
}

/** The default configuration: the built-in criteria sets. */
export const DEFAULT_CONFIG: DomainConfig = { criteriaSets };

/**
 * Decides any command on its target's state, with the related streams in the context, under
 * a configuration (default: the built-in criteria sets).
 */
export function decideAny(
  c: Command,
  state: AggregateState,
  ctx: DecisionContext<AggregateState>,
  config: DomainConfig = DEFAULT_CONFIG,
): Decision {
  const facts = { issuer: ctx.issuer, programme: programmeOf(ctx, programmeIdFor(c, state)) };
  if (isCommandOf('programme', c))
    return state.kind === 'programme'
      ? decideProgramme(c, state, {
          ...facts,
          recommendations: recommendationsOf(c, ctx),
          criteriaSets: config.criteriaSets,
        })
      : mismatch(c, state);
  if (isCommandOf('adviser', c))
    return state.kind === 'adviser' ? decideAdviser(c, state, facts) : mismatch(c, state);
  if (isCommandOf('recommendation', c))
    return state.kind === 'recommendation'
      ? decideRecommendation(c, state, facts)
      : mismatch(c, state);
  if (isCommandOf('action', c))
    return state.kind === 'action'
      ? decideAction(c, state, { ...facts, recommendations: recommendationsOf(c, ctx) })
      : mismatch(c, state);
  if (isCommandOf('risk', c))
    return state.kind === 'risk'
      ? decideRisk(c, state, { ...facts, action: actionOf(c, ctx) })
      : mismatch(c, state);
  return state.kind === 'ledger' ? decideLedger(c, state, facts) : mismatch(c, state);
}

/** Decodes an unknown command `{type, data}`; never throws. */
export function decodeCommand(input: unknown): E.Either<ValidationFailed, Command> {
  const r = CommandCodec.decode(input);
  return E.isLeft(r) ? E.left(validationFailed(toFieldErrors(r.left))) : r;
}

/** An upcaster turns the data of schema version `n` of an event type into version `n + 1`. */
export type Upcaster = (data: unknown) => unknown;

/**
 * Upcasters by event type and the version they read. Empty: every event is at version 1.
 * When a version 2 of `X` appears, add `X: { 1: (v1) => v2 }` and raise its entry in
 * {@link eventSchemaVersions}.
 */
export const upcasters: { readonly [K in EventType]?: Readonly<Record<number, Upcaster>> } = {};

/** The schema version new events of each type are written with (all 1 today). */
export const eventSchemaVersions: { readonly [K in EventType]?: number } = {};

/** The schema version new events of this type are written with. */
export const schemaVersionOf = (type: EventType): number =>
  eventSchemaVersions[type] ?? CURRENT_SCHEMA_VERSION;

export { compileGuard, type Guard } from './codec/guard';

/**
 * Each event type's data guard, compiled once from its codec at module load (see
 * `compileGuard`): it accepts exactly what the codec's `is` accepts (proved by the domain's
 * property tests).
 */
const eventGuards: { readonly [K in EventType]: Guard } = (() => {
  const out: Partial<Record<EventType, Guard>> = {};
  for (const type of Object.keys(eventCodecs) as EventType[])
    out[type] = compileGuard(eventCodecs[type]);
  return out as { readonly [K in EventType]: Guard };
})();

/** A type whose current schema version is the base one: its own name, and its guard. */
interface CurrentVersion {
  readonly type: EventType;
  readonly guard: Guard;
}

/**
 * The types whose current schema version is the base one (no upcasting). Each entry holds
 * the type's name as the module's own string: a decoded event carries it rather than the
 * caller's equal copy (a fresh string per parsed line), so every later lookup by type (a
 * view's table, a `Map`, a property) meets a string whose hash is known and which is
 * mostly the very key it looks for.
 */
const currentVersions: ReadonlyMap<string, CurrentVersion> = new Map(
  (Object.keys(eventGuards) as EventType[])
    .filter((type) => schemaVersionOf(type) === CURRENT_SCHEMA_VERSION)
    .map((type) => [type, { type, guard: eventGuards[type] }]),
);

/** The compiled data guard of an event type (the fast path of {@link decodeEvent}). */
export const eventDataGuard = (type: EventType): Guard => eventGuards[type];

const fail = (path: string, message: string): E.Either<ValidationFailed, never> =>
  E.left(validationFailed([{ path, message }]));

/**
 * Decodes a stored event's data by type and schema version, upcasting older versions
 * first; errors name paths under `data`. Never throws.
 */
export function decodeEvent(
  type: string,
  schemaVersion: number,
  data: unknown,
): E.Either<ValidationFailed, DomainEvent> {
  // Fast path: data at the current schema version of its type (nothing to upcast) that the
  // type's compiled guard accepts. One map lookup tells both the type and its version.
  if (schemaVersion === CURRENT_SCHEMA_VERSION) {
    const current = currentVersions.get(type);
    if (current !== undefined && current.guard(data))
      return E.right({ type: current.type, data } as DomainEvent);
  }
  if (!isEventType(type))
    return fail('type', `unknown event type ${JSON.stringify(type.slice(0, 60))}`);
  const current = schemaVersionOf(type);
  if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current)
    return fail(
      'schemaVersion',
      `unsupported schema version ${schemaVersion} of ${type} (current ${current})`,
    );
  let payload = data;
  for (let v = schemaVersion; v < current; v += 1) {
    const up = upcasters[type]?.[v];
    if (up === undefined) return fail('schemaVersion', `no upcaster of ${type} from version ${v}`);
    try {
      payload = up(payload);
    } catch (e) {
      return fail('data', `upcasting ${type} from version ${v} failed: ${String(e)}`);
    }
  }
  // Fast path: every domain codec decodes to its input unchanged, so a value its `is` guard
  // accepts is its own decoding (no contexts or Either allocated per field). The guard is
  // the codec's `is`, compiled (see `compileGuard`).
  if (eventGuards[type](payload)) return E.right({ type, data: payload } as DomainEvent);
  const r = DomainEventCodec.decode({ type, data: payload });
  return E.isLeft(r) ? E.left(validationFailed(toFieldErrors(r.left))) : r;
}

/** Checks the issuer: the actor is an id, the valid time an instant. */
export function checkIssuer(issuer: Issuer): ValidationFailed | null {
  const errors: FieldError[] = [];
  if (!Id.is(issuer.actor)) errors.push({ path: 'meta.actor', message: 'expected an actor id' });
  if (typeof issuer.role !== 'string' || issuer.role === '')
    errors.push({ path: 'meta.role', message: 'expected a role' });
  if (!Instant.is(issuer.occurredAt))
    errors.push({
      path: 'meta.occurredAt',
      message: 'expected an instant like 2019-03-12T00:00:00.000Z',
    });
  return errors.length === 0 ? null : validationFailed(errors);
}
