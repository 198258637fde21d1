import * as E from 'fp-ts/Either';
import type { Command, CommandType } from './commands';
import { commandCategory } from './commands';
import { streamIn } from './categories';
import type { DomainError } from './errors';
import { alreadyExists, invalidTransition, notFound, ruleViolated } from './errors';
import type { DomainEvent, EventType, EventsOf } from './events';
import { eventCategory, isEventOf } from './events';
import type { Issuer } from './model';

/** The commands of one set of types. */
export type CommandsOf<K extends CommandType> = Extract<Command, { readonly type: K }>;

/** What a decision returns: the events to append, or why not. */
export type Decision = E.Either<DomainError, readonly DomainEvent[]>;

/** The facts every aggregate decider gets besides command and state. */
export interface Facts {
  readonly issuer: Issuer;
}

/**
 * The state of an aggregate's stream before its creating event: nothing but its kind. The
 * fields of an aggregate exist only once it does, so a decider reads them only after
 * checking `status !== 'none'`.
 */
export interface Absent<K extends string> {
  readonly kind: K;
  readonly status: 'none';
}

/**
 * One aggregate's decider, in the small shape of Emmett's `Decider`: its state before any
 * event, how an event changes it, and what a command decides on it given the facts it
 * reads. Each aggregate exports one (`riskDecider`...); `deciderSpec` from
 * `@assure/domain/testing` drives any of them.
 */
export interface Decider<C, S, F extends Facts = Facts> {
  readonly initialState: S;
  evolve(state: S, event: DomainEvent): S;
  decide(command: C, state: S, facts: F): Decision;
}

/**
 * One decision function per command type of `C`, each given the commands of its own type:
 * a decider lists its rules in such a table and {@link dispatch} picks the one a command
 * needs. A command type without its entry does not compile.
 */
export type Handlers<C extends Command, S, F> = {
  readonly [K in C['type']]: (
    command: Extract<C, { readonly type: K }>,
    state: S,
    facts: F,
  ) => Decision;
};

/** Decides `command` with the entry of its type in `handlers`. */
export function dispatch<C extends Command, S, F>(
  handlers: Handlers<C, S, F>,
  command: C,
  state: S,
  facts: F,
): Decision {
  // The entry of `command.type` takes exactly the commands of that type, which `command` is;
  // TypeScript does not relate the key to the union member, hence the widening.
  const handle = handlers[command.type as C['type']] as (c: C, s: S, f: F) => Decision;
  return handle(command, state, facts);
}

/** A decision that appends these events. */
export const emit = (...events: DomainEvent[]): Decision => E.right(events);

/** A refused decision. */
export const refuse = (error: DomainError): Decision => E.left(error);

/** A decision refused as RuleViolated: the named domain rule, with a message naming what broke it. */
export const refuseRule = (rule: string, message: string): Decision =>
  refuse(ruleViolated(rule, message));

/**
 * The rule of a command adding a part under a new id (an area, a body, a control, a meeting,
 * a stocktake...): when `ids` already holds `id`, refused as `<part>-id-unique` with the
 * message `<part> <id> <taken>` (after `<path>: ` when a path is given); null when the id is new.
 */
export function idTaken(
  ids: { has(id: string): boolean },
  part: string,
  id: string,
  taken: string,
  path?: string,
): Decision | null {
  if (!ids.has(id)) return null;
  const message = `${part} ${id} ${taken}`;
  return refuseRule(`${part}-id-unique`, path === undefined ? message : `${path}: ${message}`);
}

/**
 * A copy of a state with some fields changed. `Object.assign` onto a fresh object is about
 * twice as fast in V8 as a spread literal with trailing properties, and evolve is hot.
 */
export const patch = <S extends object>(s: S, changes: Partial<S>): S =>
  Object.assign({}, s, changes);

/**
 * Lets `rule` decide only from the given statuses of the aggregate; from any other, the
 * command is an InvalidTransition naming the status it was tried from.
 */
export const onlyFrom =
  <C extends Command, S extends { readonly status: string }, F>(
    statuses: readonly S['status'][],
    rule: (command: C, state: S, facts: F) => Decision,
  ) =>
  (command: C, state: S, facts: F): Decision =>
    statuses.includes(state.status)
      ? rule(command, state, facts)
      : refuse(invalidTransition(state.status, command.type));

/**
 * An aggregate's rules by command: `create` decides its creating command (`creator`) on an
 * absent stream, `rules` every other command once the aggregate exists.
 */
export interface Lifecycle<C extends Command, K extends C['type'], P, F> {
  create(command: Extract<C, { readonly type: K }>, facts: F): Decision;
  readonly creator: K;
  readonly rules: Handlers<Exclude<C, { readonly type: K }>, P, F>;
}

/** The decide function of an aggregate's decider: a command, the state it meets, the facts read. */
export type Decide<C, S, F> = (command: C, state: S, facts: F) => Decision;

/**
 * Decides `command` by the existence rule every aggregate shares: its creating command only
 * while its target stream is absent (else AlreadyExists), any other only once it exists (else
 * NotFound, both naming the stream `<category>-<id>`); then by the lifecycle's own rule.
 */
export function decideIn<
  C extends Command,
  K extends C['type'],
  P extends { readonly status: string },
  F,
>(lifecycle: Lifecycle<C, K, P, F>, command: C, state: Absent<string> | P, facts: F): Decision {
  const absent = isAbsent(state);
  // A command of the creator's type is one of `Extract<C, K>`, any other one of the rest:
  // TypeScript does not narrow a generic union by comparing its tag, hence the two casts.
  if (command.type === lifecycle.creator)
    return absent
      ? lifecycle.create(command as Extract<C, { readonly type: K }>, facts)
      : refuse(alreadyExists(targetStream(command)));
  if (absent) return refuse(notFound(targetStream(command)));
  return dispatch(lifecycle.rules, command as Exclude<C, { readonly type: K }>, state, facts);
}

/** An aggregate's decide function from its lifecycle: {@link decideIn} with it. */
export const deciding =
  <C extends Command, K extends C['type'], P extends { readonly status: string }, F>(
    lifecycle: Lifecycle<C, K, P, F>,
  ): Decide<C, Absent<string> | P, F> =>
  (command, state, facts) =>
    decideIn(lifecycle, command, state, facts);

/** The stream a command targets: `<category>-<id>` (`ledger-seals` for the ledger). */
export const targetStream = (c: Command): string => streamIn(commandCategory[c.type], c.data);

const isAbsent = <P extends { readonly status: string }>(
  state: Absent<string> | P,
): state is Absent<string> => state.status === 'none';

/** The aggregate category of event type `K`. */
type CategoryOf<K extends EventType> = (typeof eventCategory)[K];

/** The events of `K`'s aggregate other than `K`, its creating event. */
type Changing<K extends EventType> = Exclude<EventsOf<CategoryOf<K>>, { readonly type: K }>;

/** The creating event `K` of its aggregate. */
type Creating<K extends EventType> = Extract<EventsOf<CategoryOf<K>>, { readonly type: K }>;

/**
 * How each event of an aggregate other than its creating one changes its state, one function
 * per event type, each given the events of its own type (as {@link Handlers} for commands).
 */
export type Changes<E extends DomainEvent, P> = {
  readonly [T in E['type']]: (state: P, event: Extract<E, { readonly type: T }>) => P;
};

/**
 * How an aggregate's state folds its own events: `create` builds it (all but its `kind`, the
 * aggregate's category) from its creating event `creator` and the state before (absent, or
 * the one a second creating event replaces), `changes` folds any other of its events once
 * it exists.
 */
export interface Evolution<K extends EventType, P extends { readonly kind: CategoryOf<K> }> {
  readonly creator: K;
  create(event: Creating<K>, state: Absent<CategoryOf<K>> | P): Omit<P, 'kind'>;
  readonly changes: Changes<Changing<K>, P>;
}

/** An aggregate's fold: its state before any event, and how one event changes it. */
export interface Fold<S> {
  readonly initialState: S;
  readonly evolve: (state: S, event: DomainEvent) => S;
}

/**
 * The fold of the aggregate created by `evolution.creator`, by the rule every aggregate
 * shares: its stream starts absent (`{kind, status: 'none'}`, `kind` its category), events
 * of other aggregates leave it unchanged, and so does any event of its own before the
 * creating one.
 */
export function folding<
  K extends EventType,
  P extends { readonly kind: CategoryOf<K>; readonly status: string },
>(evolution: Evolution<K, P>): Fold<Absent<CategoryOf<K>> | P> {
  const kind: CategoryOf<K> = eventCategory[evolution.creator];
  const initialState: Absent<CategoryOf<K>> = { kind, status: 'none' };
  const evolve = (
    state: Absent<CategoryOf<K>> | P,
    event: DomainEvent,
  ): Absent<CategoryOf<K>> | P => {
    if (!isEventOf(kind, event)) return state;
    // As in decideIn: the event's type tells which of the two it is, TypeScript cannot see it.
    if (event.type === evolution.creator) {
      // `create` gives every field of P but `kind`, which is the aggregate's category.
      return Object.assign({ kind }, evolution.create(event as Creating<K>, state)) as P;
    }
    if (isAbsent(state)) return state;
    // As in dispatch: the entry of the event's type takes exactly the events of that type.
    const change = evolution.changes[event.type as Changing<K>['type']] as (
      s: P,
      e: DomainEvent,
    ) => P;
    return change(state, event);
  };
  return { initialState, evolve };
}

/** The fields `keys` of `from`, as they are (a state taking them from its creating event). */
export function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) out[key] = from[key];
  return out;
}
