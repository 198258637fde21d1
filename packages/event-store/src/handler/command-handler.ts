import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type {
  CommandShape,
  DomainModel,
  EventShape,
  Issuer,
  ValidationFailed,
} from '@assure/domain';
import type { Envelope, ProposedEvent } from '../envelope';
import {
  storeErrorOf,
  StoreErrors,
  type EventStore,
  type ExpectedRevision,
  type StoreError,
} from '../store';
import { decodeCommandMeta, toInstant, type CommandMeta } from './meta';

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

/** Every way a command can fail: bad input, a domain refusal, or a store failure. */
export type HandleError<Err> = ValidationFailed | Err | StoreError;

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
}

/** Handles commands: the way of a command of ARCHITECTURE.md. */
export interface CommandHandler<Err> {
  /**
   * Decodes `input` (`{type, data}`) and `meta`, authorizes, loads and folds the target
   * stream and the route's related streams, decides, and appends under the target's
   * revision, retrying on conflict. A refused command writes nothing; a repeated
   * `commandId` returns the first run's events and writes nothing.
   */
  handle(input: unknown, meta: CommandMeta): TE.TaskEither<HandleError<Err>, HandleResult>;
}

/** A stream loaded and folded for a decision. */
interface Loaded<S> {
  readonly state: S;
  /** Last revision, null when the stream does not exist. */
  readonly revision: number | null;
  readonly lastPosition: string | null;
  /** Events of the stream already written by the command being handled. */
  readonly prior: readonly Envelope[];
}

const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Creates the command handler over a store and a domain model.
 *
 * Meta written on every event: `actor`, `role`, `occurredAt` (the command's valid time;
 * a bare day means its midnight UTC; default the clock's now), `commandId`,
 * `correlationId`, `causationId`, `credentialId` when given, and for a backfill `recordedAt`
 * with `backfill: true`.
 * Otherwise `recordedAt` is left to the store, which stamps it at append.
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

  async function load(
    stream: string,
    commandId: string | undefined,
  ): Promise<E.Either<StoreError, Loaded<S>>> {
    let state = model.initialState(stream);
    let revision: number | null = null;
    let lastPosition: string | null = null;
    const prior: Envelope[] = [];
    try {
      for await (const e of store.readStream(stream)) {
        const decoded = model.decodeEvent(e.type, e.schemaVersion, e.data);
        if (E.isLeft(decoded)) {
          const why = decoded.left.errors
            .map((f) => (f.path === '' ? f.message : `${f.path}: ${f.message}`))
            .join('; ');
          return E.left(
            StoreErrors.corrupt(
              e.position,
              `event ${e.stream}@${e.revision} (${e.type} v${e.schemaVersion}) fails its codec: ${why}`,
            ),
          );
        }
        state = model.evolve(state, decoded.right);
        revision = e.revision;
        lastPosition = e.position;
        if (commandId !== undefined && e.meta.commandId === commandId) prior.push(e);
      }
    } catch (thrown) {
      return E.left(storeErrorOf(thrown) ?? StoreErrors.unavailable(describe(thrown)));
    }
    return E.right({ state, revision, lastPosition, prior });
  }

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

  async function run(
    input: unknown,
    rawMeta: unknown,
  ): Promise<E.Either<HandleError<Err>, HandleResult>> {
    const meta = decodeCommandMeta(rawMeta);
    if (E.isLeft(meta)) return meta;
    const command = model.decodeCommand(input);
    if (E.isLeft(command)) return command;
    const m = meta.right;
    const occurredAt =
      (m.occurredAt === undefined ? undefined : toInstant(m.occurredAt)) ?? clock().toISOString();
    const issuer: Issuer = { actor: m.actor, role: m.role, occurredAt };
    const allowed = model.authorize(command.right, issuer);
    if (E.isLeft(allowed)) return allowed;

    const route = model.route(command.right);
    const given = m.commandId;
    const commandId = given ?? ids();
    const lineage = {
      commandId,
      correlationId: m.correlationId ?? commandId,
      causationId: m.causationId ?? commandId,
    };
    const backfill =
      m.recordedAt === undefined ? {} : { recordedAt: m.recordedAt, backfill: true as const };
    const credential = m.credentialId === undefined ? {} : { credentialId: m.credentialId };

    for (let attempt = 0; ; attempt++) {
      const loaded = await load(route.stream, given);
      if (E.isLeft(loaded)) return loaded;
      const { state, revision, lastPosition, prior } = loaded.right;
      const last = prior[prior.length - 1];
      if (last !== undefined) {
        return E.right({
          stream: route.stream,
          nextRevision: last.revision,
          position: last.position,
          events: prior,
        });
      }
      const more = model.relatedOf?.(command.right, state) ?? [];
      const related = await loadRelated(
        more.length === 0 ? route.related : [...route.related, ...more],
        route.stream,
      );
      if (E.isLeft(related)) return related;
      const decision = model.decide(command.right, state, { issuer, related: related.right });
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
        meta: { actor: m.actor, role: m.role, occurredAt, ...lineage, ...backfill, ...credential },
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

function describe(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
