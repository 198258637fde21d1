import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { toFieldErrors } from '../codec/validation';
import type { Command, CommandData, CommandOf, CommandType } from '../commands';
import { commandCodecs } from '../commands';
import type { AggregateState } from '../domain-model';
import { domainModel } from '../make-model';
import type { DomainError } from '../errors';
import type { DomainEvent, EventData, EventOf, EventType } from '../events';
import { eventCodecs, streamOfEvent } from '../events';
import type { CommandShape, DomainModel, EventShape, Issuer } from '../model';

/**
 * Given/when/then for deciders, usable with any test runner: a failed expectation throws an
 * `Error` whose message shows what was expected and what happened.
 *
 * Two entry points:
 * - {@link deciderSpec} for one decider (yours or ours): `initialState`, `evolve`, `decide`;
 * - {@link modelSpec} for a whole {@link DomainModel}, and {@link domainSpec} for Assure's: the
 *   given events may belong to many streams; `when` routes the command, folds the target and
 *   related streams, authorizes and decides, exactly as the command handler does.
 *
 * @example
 * import { domainSpec, issuer } from '@assure/domain/testing';
 * const spec = domainSpec();
 * spec
 *   .given([{ type: 'ProgrammeEstablished', data: { programmeId: 'bcc-improvement', ... } }])
 *   .when({ type: 'ChangePhase', data: { ... } }, issuer('admin-ceo', 'admin', '2019-04-01'))
 *   .then([{ type: 'ProgrammePhaseChanged', data: { ... } }]);
 */

/** The default valid time of `when`, when no issuer is given. */
export const DEFAULT_OCCURRED_AT = '2019-04-01T00:00:00.000Z';

/** The default issuer of `when`: role `system` (allowed everything), acting at {@link DEFAULT_OCCURRED_AT}. */
export const DEFAULT_ISSUER: Issuer = {
  actor: 'system-test',
  role: 'system',
  occurredAt: DEFAULT_OCCURRED_AT,
};

/**
 * Builds an issuer; `on` may be a day (`YYYY-MM-DD`, meaning 00:00:00.000Z) or an instant.
 *
 * @example issuer('auditor-gt', 'auditor', '2018-11-20')
 */
export const issuer = (actor: string, role: string, on: string = DEFAULT_OCCURRED_AT): Issuer => ({
  actor,
  role,
  occurredAt: on.length === 10 ? `${on}T00:00:00.000Z` : on,
});

/** What an error expectation may be: a `_tag`, or a partial error compared field by field. */
export type ErrorExpectation<Err extends { readonly _tag: string }> =
  | Err['_tag']
  | (Partial<Err> & { readonly _tag: Err['_tag'] })
  | { readonly [key: string]: unknown };

/** The outcome of a `when`, to be checked. */
export interface Outcome<V, Err extends { readonly _tag: string }> {
  /** The decision itself, for custom checks. */
  readonly result: E.Either<Err, readonly V[]>;
  /** Expects exactly these events (deep equality, in order). Returns them. */
  then(expected: readonly V[]): readonly V[];
  /** Expects a refusal with this tag, or matching every field of this partial error. Returns it. */
  thenError(expected: ErrorExpectation<Err>): Err;
  /** Expects success, whatever the events. Returns them. */
  thenOk(): readonly V[];
}

/** The given/when stage. */
export interface Given<C, V, Err extends { readonly _tag: string }> {
  /** Decides `command` on the given history, as `issuer` (default {@link DEFAULT_ISSUER}). */
  when(command: C, by?: Issuer): Outcome<V, Err>;
}

/** A spec: start with the past events. */
export interface Spec<C, V, Err extends { readonly _tag: string }> {
  /** The history, oldest first. */
  given(events: readonly V[]): Given<C, V, Err>;
}

/** The minimal decider shape {@link deciderSpec} needs. */
export interface SpecDecider<C, V, S, Err, Ctx> {
  readonly initialState: S | (() => S);
  evolve(state: S, event: V): S;
  decide(command: C, state: S, context: Ctx): E.Either<Err, readonly V[]>;
}

function show(value: unknown): string {
  try {
    return JSON.stringify(
      value,
      (_k, v: unknown) =>
        v instanceof Map
          ? Object.fromEntries(v as Map<string, unknown>)
          : v instanceof Set
            ? [...(v as Set<unknown>)]
            : typeof v === 'bigint'
              ? `${v}n`
              : v,
      2,
    );
  } catch {
    return String(value);
  }
}

/** Structural equality of JSON-like values (objects by own keys, arrays by order). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return (
    ka.length === kb.length && ka.every((k) => Object.hasOwn(rb, k) && deepEqual(ra[k], rb[k]))
  );
}

function outcome<V, Err extends { readonly _tag: string }>(
  result: E.Either<Err, readonly V[]>,
  what: string,
): Outcome<V, Err> {
  return {
    result,
    then(expected) {
      if (E.isLeft(result))
        throw new Error(
          `${what}: expected events\n${show(expected)}\nbut it was refused with\n${show(result.left)}`,
        );
      if (!deepEqual(result.right, expected))
        throw new Error(
          `${what}: expected events\n${show(expected)}\nbut got\n${show(result.right)}`,
        );
      return result.right;
    },
    thenError(expected) {
      if (E.isRight(result))
        throw new Error(
          `${what}: expected error ${show(expected)}\nbut it decided events\n${show(result.right)}`,
        );
      const err = result.left;
      const matches =
        typeof expected === 'string'
          ? err._tag === expected
          : Object.entries(expected).every(([k, v]) =>
              deepEqual((err as unknown as Record<string, unknown>)[k], v),
            );
      if (!matches)
        throw new Error(`${what}: expected error ${show(expected)}\nbut got\n${show(err)}`);
      return err;
    },
    thenOk() {
      if (E.isLeft(result))
        throw new Error(`${what}: expected success but it was refused with\n${show(result.left)}`);
      return result.right;
    },
  };
}

const describeCommand = (command: unknown): string => {
  const type = (command as { type?: unknown } | null)?.type;
  return `when ${typeof type === 'string' ? type : 'command'}`;
};

/**
 * A given/when/then spec for one decider. `context` builds the decider's context from the
 * issuer (default: `{ issuer }`).
 *
 * @example
 * const spec = deciderSpec(myDecider, (issuer) => ({ issuer }));
 * spec.given([opened]).when(close).then([closed]);
 */
export function deciderSpec<
  C,
  V,
  S,
  Err extends { readonly _tag: string },
  Ctx = { issuer: Issuer },
>(
  decider: SpecDecider<C, V, S, Err, Ctx>,
  context: (by: Issuer) => Ctx = (by) => ({ issuer: by }) as Ctx,
): Spec<C, V, Err> {
  const initial = (): S =>
    typeof decider.initialState === 'function'
      ? (decider.initialState as () => S)()
      : decider.initialState;
  return {
    given(events) {
      return {
        when(command, by = DEFAULT_ISSUER) {
          const state = events.reduce((s, e) => decider.evolve(s, e), initial());
          return outcome<V, Err>(
            decider.decide(command, state, context(by)),
            describeCommand(command),
          );
        },
      };
    },
  };
}

/**
 * A given/when/then spec for a whole domain model. Given events are filed to their streams
 * by `streamOf`; `when` then does what the command handler does: authorize, route, fold the
 * target and related streams, decide.
 *
 * @example
 * modelSpec(myModel, (e) => `order-${e.data.orderId}`).given(history).when(command).thenOk();
 */
export function modelSpec<
  C extends CommandShape,
  V extends EventShape,
  S,
  Err extends { readonly _tag: string },
>(model: DomainModel<C, V, S, Err>, streamOf: (event: V) => string): Spec<C, V, Err> {
  return {
    given(events) {
      return {
        when(command, by = DEFAULT_ISSUER) {
          const fold = (stream: string): S =>
            events
              .filter((e) => streamOf(e) === stream)
              .reduce((s, e) => model.evolve(s, e), model.initialState(stream));
          const what = describeCommand(command);
          const authorized = model.authorize(command, by);
          if (E.isLeft(authorized)) return outcome<V, Err>(E.left(authorized.left), what);
          const route = model.route(command);
          const target = fold(route.stream);
          const streams = [...route.related, ...(model.relatedOf?.(command, target) ?? [])];
          const related = new Map(streams.map((s) => [s, fold(s)] as const));
          return outcome<V, Err>(model.decide(command, target, { issuer: by, related }), what);
        },
      };
    },
  };
}

/**
 * The spec of the Assure domain (default model: `roles@1`; pass another built with
 * `makeDomainModel` to test with your own authorization policy).
 *
 * @example
 * domainSpec().given(history).when(command, issuer('officer-cfo', 'officer', '2019-03-12'))
 *   .thenError({ _tag: 'RuleViolated', rule: 'reference-missing' });
 */
export const domainSpec = (
  model: DomainModel<Command, DomainEvent, AggregateState, DomainError> = domainModel,
): Spec<Command, DomainEvent, DomainError> => modelSpec(model, streamOfEvent);

/**
 * A command or event `{type, data}` from fixture data decoded with its codec; throws on
 * invalid data (a fixture bug).
 */
function fixture<K extends string, A>(
  type: K,
  codec: t.Decoder<unknown, A>,
  data: unknown,
): { readonly type: K; readonly data: A } {
  const r = codec.decode(data);
  if (E.isLeft(r)) throw new Error(`invalid ${type} fixture: ${show(toFieldErrors(r.left))}`);
  return { type, data: r.right };
}

/**
 * Builds a command from plain JSON-like data, validated by its codec; throws on invalid
 * data (a fixture bug), so tests stay short and typed.
 *
 * @example command('CloseRisk', { riskId: 'equal-pay', reason: 'Settled' })
 */
export function command<K extends CommandType>(
  type: K,
  data: t.OutputOf<(typeof commandCodecs)[K]>,
): CommandOf<K> {
  return fixture<K, CommandData<K>>(type, commandCodecs[type], data);
}

/**
 * Builds a domain event from plain JSON-like data, validated by its codec; throws on invalid
 * data (a fixture bug).
 *
 * @example domainEvent('RiskClosed', { riskId: 'equal-pay', reason: 'Settled' })
 */
export function domainEvent<K extends EventType>(
  type: K,
  data: t.OutputOf<(typeof eventCodecs)[K]>,
): EventOf<K> {
  return fixture<K, EventData<K>>(type, eventCodecs[type], data);
}

/**
 * The data of a `RiskIdentified` event, also that of the `IdentifyRisk` command: the
 * council's equal pay risk (`equal-pay` in programme `bcc-improvement`, owned by
 * `officer-cfo`, inherent 5×5, target 2×4, next review on 2019-04-30), with `overrides` put
 * in its place, in the event's field order (`areaId` after `programmeId`). Plain data, not
 * decoded, so a test may override a field with a bad value and expect it refused;
 * {@link domainEvent} or {@link command} decodes it.
 *
 * @example
 * domainEvent('RiskIdentified', riskIdentifiedSample({ areaId: 'area-finance' }))
 * @example
 * command('IdentifyRisk', riskIdentifiedSample({ nextReviewOn: '2019-02-30' })) // throws
 */
export function riskIdentifiedSample(
  overrides: Partial<t.OutputOf<(typeof eventCodecs)['RiskIdentified']>> = {},
): t.OutputOf<(typeof eventCodecs)['RiskIdentified']> {
  const { riskId, programmeId, areaId, ...rest } = {
    riskId: 'equal-pay',
    programmeId: 'bcc-improvement',
    title: 'Equal pay liabilities',
    category: 'Financial',
    owner: 'officer-cfo',
    inherent: { likelihood: 5, impact: 5 },
    target: { likelihood: 2, impact: 4 },
    nextReviewOn: '2019-04-30',
    ...overrides,
  };
  return { riskId, programmeId, ...(areaId === undefined ? {} : { areaId }), ...rest };
}
