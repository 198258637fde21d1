import type * as TE from 'fp-ts/TaskEither';
import {
  type CommandShape,
  type DomainModel,
  type EventShape,
  type Forbidden,
  type Unbranded,
  type ValidationFailed,
} from '@assure/domain';
import type { Envelope } from '../envelope';
import type { EventStore, StoreError } from '../store';
import type { CommandIdReused } from './idempotency';
import type { CommandMeta } from './meta';
import { BACKFILL_ROLES } from './prepare';
import { CommandRunner } from './command-runner';

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
