import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import {
  type CommandShape,
  type DomainModel,
  type EventShape,
  type Forbidden,
  type Route,
  type Unbranded,
  type ValidationFailed,
} from '@assure/domain';
import type { Envelope, ProposedEvent } from '../envelope';
import { type EventStore, type ExpectedRevision, type StoreError } from '../store';
import { checkSameCommand, type CommandIdReused } from './idempotency';
import type { CommandMeta } from './meta';
import { BACKFILL_ROLES, prepareCommand, type PrepareContext, type Prepared } from './prepare';
import { inStreamQueue } from './stream-queue';
import { FoldedStates } from './folded-states';

export { BACKFILL_ROLES };

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

/** A handled command as JSON: what `POST /v1/commands` returns and `assure <noun> <verb> --json` prints. */
export interface HandleResultJson {
  readonly stream: string;
  readonly nextRevision: number;
  readonly position: string | null;
  readonly events: readonly {
    readonly position: string;
    readonly stream: string;
    readonly revision: number;
    readonly type: string;
    readonly eventId: string;
    readonly hash: string;
  }[];
}

/** The JSON form of a handled command: each event's place, type, id and hash (no data or meta). */
export function handleResultJson(r: HandleResult): HandleResultJson {
  return {
    stream: r.stream,
    nextRevision: r.nextRevision,
    position: r.position,
    events: r.events.map((e) => ({
      position: e.position,
      stream: e.stream,
      revision: e.revision,
      type: e.type,
      eventId: e.eventId,
      hash: e.hash,
    })),
  };
}

/**
 * Every way a command can fail: bad input, a domain refusal, a backfill by a role that may
 * not backfill (`Forbidden`), a commandId used by another command, or a store failure.
 */
export type HandleError<Err> = ValidationFailed | Forbidden | CommandIdReused | Err | StoreError;

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

/**
 * Handles commands: the way of a command of ARCHITECTURE.md. `C` is the domain's command
 * type (`Command` of `@assure/domain` for `domainModel`).
 */
export interface CommandHandler<Err, C extends CommandShape = CommandShape> {
  /**
   * Handles a typed command: a decoded command `C`, or one written in plain form
   * (`{type, data}` with plain strings and numbers, see `Unbranded`), so that a misspelt
   * type or field is a compile error. It is still decoded and checked like
   * {@link CommandHandler.handleUnknown} (formats, ranges and limits are run-time checks).
   */
  handle(input: Unbranded<C>, meta: CommandMeta): TE.TaskEither<HandleError<Err>, HandleResult>;
  /**
   * For boundaries (the CLI, HTTP, files), where the input is not typed:
   * decodes `input` (`{type, data}`) and `meta`, authorizes, loads and folds the target
   * stream and the route's related streams, decides, and appends under the target's
   * revision, retrying on conflict. Input over the limits (meta ids over 200 characters,
   * times outside 1900-2199, a text of `data` over 64 KiB or with a control character; see
   * {@link inputTextErrors}) is `ValidationFailed`. A refused command writes nothing; a
   * repeated `commandId` of the same command returns the first run's events and writes
   * nothing, and of another command fails with `CommandIdReused`.
   */
  handleUnknown(input: unknown, meta: CommandMeta): TE.TaskEither<HandleError<Err>, HandleResult>;
}

/** No related stream named by `relatedOf`. */
const NONE: readonly string[] = [];
/** The related states of a command that names none (shared: a decider only reads them). */
const NO_RELATED: E.Either<never, ReadonlyMap<string, never>> = E.right(new Map<string, never>());

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
>(options: CommandHandlerOptions<C, V, S, Err>): CommandHandler<Err, C> {
  const runner = new CommandRunner(options);
  return {
    handle: (input, meta) => () => runner.run(input, meta),
    handleUnknown: (input, meta) => () => runner.run(input, meta),
  };
}

/** The way of a command, with the handler's options and its folded states. */
class CommandRunner<
  C extends CommandShape,
  V extends EventShape,
  S,
  Err extends { readonly _tag: string },
> {
  private readonly prepareContext: PrepareContext<C, Err>;
  private readonly folded: FoldedStates<C, V, S, Err>;

  constructor(private readonly options: CommandHandlerOptions<C, V, S, Err>) {
    this.prepareContext = {
      model: options.model,
      clock: options.clock ?? (() => new Date()),
      ids: options.ids ?? randomUUID,
      backfillBy: options.backfillBy,
    };
    this.folded = new FoldedStates(options.store, options.model, options.stateCacheEntries);
  }

  /**
   * Not an `async` function: it hands back the queue's promise itself (an `async` function
   * returning a promise adds a few turns of the microtask queue to every command). A throw
   * (a domain function's, a clock's) is still a rejected promise, as it was.
   */
  run(input: unknown, rawMeta: unknown): Promise<E.Either<HandleError<Err>, HandleResult>> {
    try {
      const prepared = prepareCommand(this.prepareContext, input, rawMeta);
      if (E.isLeft(prepared)) return Promise.resolve(prepared);
      const route = this.options.model.route(prepared.right.command);
      return inStreamQueue(this.options.store, route.stream, () =>
        this.decideAndAppend(prepared.right, route),
      );
    } catch (e) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rethrown as thrown
      return Promise.reject(e);
    }
  }

  /** Loads, decides and appends, retrying on conflict (in the target stream's queue). */
  private async decideAndAppend(
    p: Prepared<C>,
    route: Route,
  ): Promise<E.Either<HandleError<Err>, HandleResult>> {
    const { model, store } = this.options;
    const maxRetries = Math.max(0, this.options.maxRetries ?? 5);
    const { command, issuer } = p;
    for (let attempt = 0; ; attempt++) {
      const loading = this.folded.load(route.stream, p.meta.commandId);
      // Most loads from an in-memory store answer at once: no turn to wait then.
      const loaded = loading instanceof Promise ? await loading : loading;
      if (E.isLeft(loaded)) return loaded;
      const { state, revision, lastPosition, prior } = loaded.right;
      const last = prior[prior.length - 1];
      if (last !== undefined) {
        const same = checkSameCommand(prior, { commandId: p.commandId, hash: p.hash }, p.meta);
        if (E.isLeft(same)) return same;
        return E.right({
          stream: route.stream,
          nextRevision: last.revision,
          position: last.position,
          events: prior,
        });
      }
      const more = model.relatedOf?.(command, state) ?? NONE;
      const relatedStreams = more.length === 0 ? route.related : [...route.related, ...more];
      // Most commands name no related stream: no promise to wait for then.
      const related =
        relatedStreams.length === 0
          ? NO_RELATED
          : await this.loadRelated(relatedStreams, route.stream);
      if (E.isLeft(related)) return related;
      const decision = model.decide(command, state, { issuer, related: related.right });
      if (E.isLeft(decision)) return decision;
      if (decision.right.length === 0)
        return E.right({
          stream: route.stream,
          nextRevision: revision ?? -1,
          position: lastPosition,
          events: [],
        });
      const expected: ExpectedRevision = revision === null ? 'no-stream' : { revision };
      const proposed = this.proposedEvents(p, decision.right);
      const appended = await store.append(route.stream, proposed, expected)();
      if (E.isRight(appended)) {
        const { stream, nextRevision, position, events } = appended.right;
        return E.right({ stream, nextRevision, position, events });
      }
      if (appended.left._tag !== 'WrongExpectedRevision' || attempt >= maxRetries) return appended;
      await (this.options.retryDelay ?? nextTurn)(attempt + 1);
    }
  }

  /** The states of the related streams (the target itself left out), each loaded once. */
  private async loadRelated(
    streams: readonly string[],
    target: string,
  ): Promise<E.Either<StoreError, ReadonlyMap<string, S>>> {
    const related = new Map<string, S>();
    for (const stream of streams) {
      if (stream === target || related.has(stream)) continue;
      const loading = this.folded.load(stream, undefined);
      const loaded = loading instanceof Promise ? await loading : loading;
      if (E.isLeft(loaded)) return loaded;
      related.set(stream, loaded.right.state);
    }
    return E.right(related);
  }

  /** The decided events with their ids, schema versions and the command's meta. */
  private proposedEvents(p: Prepared<C>, events: readonly V[]): ProposedEvent[] {
    const meta = eventMetaOf(p);
    return events.map((event) => ({
      eventId: this.prepareContext.ids(),
      type: event.type,
      schemaVersion: this.options.model.schemaVersionOf(event.type),
      data: jsonObject(event),
      meta,
    }));
  }
}

/**
 * The meta every event of a prepared command carries (one object for all of them: the store
 * copies it). Built field by field, in the order stores keep it (who, when, lineage,
 * fingerprint, then a backfill's transaction time and the credential): an object literal
 * with spreads of optional parts allocated a part and copied it for every command.
 */
function eventMetaOf<C>(p: Prepared<C>): ProposedEvent['meta'] {
  const m = p.meta;
  const meta: { -readonly [K in keyof ProposedEvent['meta']]: ProposedEvent['meta'][K] } = {
    actor: m.actor,
    role: m.role,
    occurredAt: p.issuer.occurredAt,
    commandId: p.lineage.commandId,
    correlationId: p.lineage.correlationId,
    causationId: p.lineage.causationId,
    commandHash: p.hash,
  };
  if (m.recordedAt !== undefined) {
    meta.recordedAt = m.recordedAt;
    meta.backfill = true;
  }
  if (m.credentialId !== undefined) meta.credentialId = m.credentialId;
  return meta;
}

/** The event's data as a JSON object; a domain that decides anything else is a defect. */
function jsonObject(event: EventShape): Record<string, unknown> {
  const data: unknown = event.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new TypeError(`the domain decided ${event.type} with data that is not a JSON object`);
  }
  return data as Record<string, unknown>;
}
