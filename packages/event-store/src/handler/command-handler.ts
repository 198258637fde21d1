import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import {
  forbidden,
  validationFailed,
  type CommandShape,
  type DomainModel,
  type EventShape,
  type Forbidden,
  type Issuer,
  type ValidationFailed,
} from '@assure/domain';
import type { Envelope, ProposedEvent } from '../envelope';
import { type EventStore, type ExpectedRevision, type StoreError } from '../store';
import { inputTextErrors } from './limits';
import { checkSameCommand, commandHashOf, type CommandIdReused } from './idempotency';
import { decodeCommandMeta, toInstant, type CommandMeta } from './meta';
import { inStreamQueue } from './stream-queue';
import { FoldedStates } from './folded-states';

/** What a handled command produced. */
export interface HandleResult {
  /** The command's target stream. */
  readonly stream: string;
  /** The stream's last revision after the command (-1 if it is still empty). */
  readonly nextRevision: number;
  /** Position of the last event written (or, if none was needed, of the stream's last event; null if empty). */
  readonly position: string | null;
  /** The stored envelopes of this command (those of its first run, for a repeated commandId). */
  readonly events: readonly Envelope[];
}

/**
 * Every way a command can fail: bad input, a domain refusal, a backfill by a role that may
 * not backfill (`Forbidden`), a commandId used by another command, or a store failure.
 */
export type HandleError<Err> = ValidationFailed | Forbidden | CommandIdReused | Err | StoreError;

/** The roles that may give a command its transaction time (`meta.recordedAt`). */
export const BACKFILL_ROLES: readonly string[] = ['admin', 'system'];

/** Options of {@link createCommandHandler}. */
export interface CommandHandlerOptions<
  C extends CommandShape,
  V extends EventShape,
  S,
  Err extends { readonly _tag: string },
> {
  /** Where events are read from and appended to. */
  readonly store: EventStore;
  /** The domain: codecs, routing, authorization, deciders (`domainModel` of `@assure/domain`). */
  readonly model: DomainModel<C, V, S, Err>;
  /** Clock for the default valid time (`occurredAt`); default: the system clock. */
  readonly clock?: () => Date;
  /** Id generator for event ids and default command ids; default: random UUIDs. */
  readonly ids?: () => string;
  /** Retries after a `WrongExpectedRevision` (each reloads the stream); default 5. */
  readonly maxRetries?: number;
  /** Waits before retry `attempt` (1-based); default: one turn of the event loop. */
  readonly retryDelay?: (attempt: number) => Promise<void>;
  /**
   * Who loads history through this handler (`assure exec --backfill` passes its `--actor`
   * and `--role`): when given, its role, rather than each command's, must be one of
   * {@link BACKFILL_ROLES} for a command to carry `meta.recordedAt`. Replayed history then
   * keeps the roles of the people who issued it.
   */
  readonly backfillBy?: { readonly actor: string; readonly role: string };
  /**
   * How many streams' folded states the handler keeps, least recently used dropped first
   * (see `FoldedStates`); 0 keeps none and folds every stream from its start on every
   * command. Default `DEFAULT_STATE_CACHE_ENTRIES` (1000).
   */
  readonly stateCacheEntries?: number;
}

/** Handles commands: the way of a command of ARCHITECTURE.md. */
export interface CommandHandler<Err> {
  /**
   * Decodes `input` (`{type, data}`) and `meta`, authorizes, loads and folds the target
   * stream and the route's related streams, decides, and appends under the target's
   * revision, retrying on conflict. Input over the limits (meta ids over 200 characters,
   * times outside 1900-2199, a text of `data` over 64 KiB or with a control character; see
   * {@link inputTextErrors}) is `ValidationFailed`. A refused command writes nothing; a
   * repeated `commandId` of the same command returns the first run's events and writes
   * nothing, and of another command fails with `CommandIdReused`.
   */
  handle(input: unknown, meta: CommandMeta): TE.TaskEither<HandleError<Err>, HandleResult>;
}

/** A command decoded, timed and authorized, with its lineage and fingerprint. */
interface Prepared<C> {
  readonly command: C;
  readonly meta: CommandMeta;
  readonly issuer: Issuer;
  readonly commandId: string;
  /** `meta.commandHash` of its events. */
  readonly hash: string;
  readonly lineage: {
    readonly commandId: string;
    readonly correlationId: string;
    readonly causationId: string;
  };
}

const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Creates the command handler over a store and a domain model.
 *
 * Meta written on every event: `actor`, `role`, `occurredAt` (the command's valid time;
 * a bare day means its midnight UTC; default the clock's now), `commandId`,
 * `correlationId`, `causationId`, `commandHash` (see `commandHashOf`), `credentialId` when
 * given, and for a backfill `recordedAt` with `backfill: true`. Otherwise `recordedAt` is
 * left to the store, which stamps it at append (never before the log's last one). A backfill is open to the roles
 * of {@link BACKFILL_ROLES} (`Forbidden` otherwise; see `backfillBy`), and `occurredAt`
 * may not be after the transaction time (`ValidationFailed` on `meta.occurredAt`).
 *
 * Idempotency: a repeated `commandId` whose events are in the target stream returns them if
 * it is the same command (same `commandHash`, actor and role), else `CommandIdReused`
 * naming the first event's global position. Only the target stream is searched: an id
 * reused for a command on another stream is not detected.
 *
 * Commands of this process on one stream run one at a time, across handlers over the same
 * store object (see `inStreamQueue`): they never conflict with each other; retries on
 * `WrongExpectedRevision` are for writers elsewhere.
 *
 * A stored event that fails its codec stops the command with `StoreCorrupt` naming its
 * position: it is never skipped.
 *
 * @example
 * const handler = createCommandHandler({ store, model: domainModel });
 * const r = await handler.handle(
 *   { type: 'RescoreRisk', data: { riskId: 'equal-pay', likelihood: 4, impact: 5, rationale: '...' } },
 *   { actor: 'officer-cfo', role: 'officer', occurredAt: '2019-03-12' },
 * )();
 */
export function createCommandHandler<
  C extends CommandShape,
  V extends EventShape,
  S,
  Err extends { readonly _tag: string },
>(options: CommandHandlerOptions<C, V, S, Err>): CommandHandler<Err> {
  const { store, model } = options;
  const clock = options.clock ?? (() => new Date());
  const ids = options.ids ?? randomUUID;
  const maxRetries = Math.max(0, options.maxRetries ?? 5);
  const retryDelay = options.retryDelay ?? nextTurn;

  const folded = new FoldedStates(store, model, options.stateCacheEntries);
  const load = (stream: string, commandId: string | undefined) => folded.load(stream, commandId);

  async function loadRelated(
    streams: readonly string[],
    target: string,
  ): Promise<E.Either<StoreError, ReadonlyMap<string, S>>> {
    const related = new Map<string, S>();
    for (const stream of streams) {
      if (stream === target || related.has(stream)) continue;
      const loaded = await load(stream, undefined);
      if (E.isLeft(loaded)) return loaded;
      related.set(stream, loaded.right.state);
    }
    return E.right(related);
  }

  /** Decodes, times and authorizes a command: everything that needs no store. */
  function prepare(input: unknown, rawMeta: unknown): E.Either<HandleError<Err>, Prepared<C>> {
    const meta = decodeCommandMeta(rawMeta);
    if (E.isLeft(meta)) return meta;
    const overLimits = inputTextErrors(input);
    if (overLimits.length > 0) return E.left(validationFailed(overLimits));
    const command = model.decodeCommand(input);
    if (E.isLeft(command)) return command;
    const m = meta.right;
    const now = clock().toISOString();
    const occurredAt = (m.occurredAt === undefined ? undefined : toInstant(m.occurredAt)) ?? now;
    const timing = checkTimes(m, occurredAt, now, command.right.type);
    if (E.isLeft(timing)) return timing;
    const issuer: Issuer = { actor: m.actor, role: m.role, occurredAt };
    const allowed = model.authorize(command.right, issuer);
    if (E.isLeft(allowed)) return allowed;
    const commandId = m.commandId ?? ids();
    return E.right({
      command: command.right,
      meta: m,
      issuer,
      commandId,
      hash: commandHashOf(command.right),
      lineage: {
        commandId,
        correlationId: m.correlationId ?? commandId,
        causationId: m.causationId ?? commandId,
      },
    });
  }

  /**
   * `occurredAt` is never after the transaction time: the given `recordedAt` of a backfill
   * (which only a backfill role may give), else the clock's now (the store stamps its own
   * clock's, never earlier than the log's last).
   */
  function checkTimes(
    m: CommandMeta,
    occurredAt: string,
    now: string,
    type: string,
  ): E.Either<ValidationFailed | Forbidden, void> {
    if (m.recordedAt !== undefined) {
      const by = options.backfillBy ?? m;
      if (!BACKFILL_ROLES.includes(by.role))
        return E.left(
          forbidden(
            by.role,
            type,
            `a backfill (meta.recordedAt) is open to ${BACKFILL_ROLES.join(' and ')} only`,
          ),
        );
    }
    const recordedAt = m.recordedAt ?? now;
    if (occurredAt <= recordedAt) return E.right(undefined);
    const message =
      m.recordedAt === undefined
        ? `${occurredAt} is in the future (after now, ${now}, when it would be recorded)`
        : `${occurredAt} is after meta.recordedAt ${m.recordedAt} (a thing is recorded when or after it happens)`;
    return E.left({
      _tag: 'ValidationFailed',
      errors: [{ path: 'meta.occurredAt', message }],
      message: `invalid command meta: meta.occurredAt: ${message}`,
    });
  }

  async function run(
    input: unknown,
    rawMeta: unknown,
  ): Promise<E.Either<HandleError<Err>, HandleResult>> {
    const prepared = prepare(input, rawMeta);
    if (E.isLeft(prepared)) return prepared;
    const stream = model.route(prepared.right.command).stream;
    return inStreamQueue(store, stream, () => decideAndAppend(prepared.right));
  }

  /** Loads, decides and appends, retrying on conflict (in the target stream's queue). */
  async function decideAndAppend(
    p: Prepared<C>,
  ): Promise<E.Either<HandleError<Err>, HandleResult>> {
    const { command, meta: m, issuer, lineage } = p;
    const route = model.route(command);
    const given = m.commandId;
    const backfill =
      m.recordedAt === undefined ? {} : { recordedAt: m.recordedAt, backfill: true as const };
    const credential = m.credentialId === undefined ? {} : { credentialId: m.credentialId };

    for (let attempt = 0; ; attempt++) {
      const loaded = await load(route.stream, given);
      if (E.isLeft(loaded)) return loaded;
      const { state, revision, lastPosition, prior } = loaded.right;
      const last = prior[prior.length - 1];
      if (last !== undefined) {
        const same = checkSameCommand(prior, { commandId: p.commandId, hash: p.hash }, m);
        if (E.isLeft(same)) return same;
        return E.right({
          stream: route.stream,
          nextRevision: last.revision,
          position: last.position,
          events: prior,
        });
      }
      const more = model.relatedOf?.(command, state) ?? [];
      const related = await loadRelated(
        more.length === 0 ? route.related : [...route.related, ...more],
        route.stream,
      );
      if (E.isLeft(related)) return related;
      const decision = model.decide(command, state, { issuer, related: related.right });
      if (E.isLeft(decision)) return decision;
      if (decision.right.length === 0) {
        return E.right({
          stream: route.stream,
          nextRevision: revision ?? -1,
          position: lastPosition,
          events: [],
        });
      }
      const proposed: ProposedEvent[] = decision.right.map((event) => ({
        eventId: ids(),
        type: event.type,
        schemaVersion: model.schemaVersionOf(event.type),
        data: jsonObject(event),
        meta: {
          actor: m.actor,
          role: m.role,
          occurredAt: issuer.occurredAt,
          ...lineage,
          commandHash: p.hash,
          ...backfill,
          ...credential,
        },
      }));
      const expected: ExpectedRevision = revision === null ? 'no-stream' : { revision };
      const appended = await store.append(route.stream, proposed, expected)();
      if (E.isRight(appended)) {
        return E.right({
          stream: appended.right.stream,
          nextRevision: appended.right.nextRevision,
          position: appended.right.position,
          events: appended.right.events,
        });
      }
      if (appended.left._tag !== 'WrongExpectedRevision' || attempt >= maxRetries) return appended;
      await retryDelay(attempt + 1);
    }
  }

  return {
    handle: (input, meta) => () => run(input, meta),
  };
}

/** The event's data as a JSON object; a domain that decides anything else is a defect. */
function jsonObject(event: EventShape): Record<string, unknown> {
  const data: unknown = event.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new TypeError(`the domain decided ${event.type} with data that is not a JSON object`);
  }
  return data as Record<string, unknown>;
}
