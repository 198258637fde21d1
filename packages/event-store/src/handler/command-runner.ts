import * as E from 'fp-ts/Either';
import type { CommandShape, EventShape, Route } from '@assure/domain';
import type { ProposedEvent } from '../envelope';
import type { AppendResult, ExpectedRevision, StoreError } from '../store';
import { appendNowOf, type OfferedAppendNow } from '../memory/append-now';
import type { CommandHandlerOptions, HandleError, HandleResult } from './command-handler';
import { checkSameCommand } from './idempotency';
import { prepareCommand, type PrepareContext, type Prepared } from './prepare';
import { inStreamQueue } from './stream-queue';
import { randomUuid } from './ids';
import { FoldedStates, type Loaded } from './folded-states';

/** No related stream named by `relatedOf`. */
const NONE: readonly string[] = [];
/** The related states of a command that names none (shared: a decider only reads them). */
const NO_RELATED: E.Either<never, ReadonlyMap<string, never>> = E.right(new Map<string, never>());

const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** A command's outcome, at once or later. */
type Outcome<T> = T | Promise<T>;

/**
 * The way of a command, with the handler's options and its folded states.
 *
 * Each step hands its answer on at once when it has it, and through a promise only when it
 * must wait (a store that reads or appends through promises, related streams, a retry): over
 * the in-memory store, which reads and appends at once, a command on a stream with nothing
 * queued runs to its end in one synchronous step and costs one promise (the one returned).
 * The steps and their order are those of an `async` loop with an `await` at each of them.
 */
export class CommandRunner<
  C extends CommandShape,
  V extends EventShape,
  S,
  Err extends { readonly _tag: string },
> {
  private readonly prepareContext: PrepareContext<C, Err>;
  private readonly folded: FoldedStates<C, V, S, Err>;
  private readonly appendNow: OfferedAppendNow | undefined;
  private readonly maxRetries: number;

  constructor(private readonly options: CommandHandlerOptions<C, V, S, Err>) {
    this.prepareContext = {
      model: options.model,
      clock: options.clock ?? (() => new Date()),
      ids: options.ids ?? randomUuid,
      backfillBy: options.backfillBy,
    };
    this.folded = new FoldedStates(options.store, options.model, options.stateCacheEntries);
    this.appendNow = appendNowOf(options.store);
    this.maxRetries = Math.max(0, options.maxRetries ?? 5);
  }

  /**
   * Not an `async` function: it hands back one promise, settled at once when the command
   * ran to its end synchronously. A throw (a domain function's, a clock's) is still a
   * rejected promise, as it was.
   */
  run(input: unknown, rawMeta: unknown): Promise<E.Either<HandleError<Err>, HandleResult>> {
    try {
      const prepared = prepareCommand(this.prepareContext, input, rawMeta);
      if (E.isLeft(prepared)) return Promise.resolve(prepared);
      const p = prepared.right;
      const route = this.options.model.route(p.command);
      return inStreamQueue(this.options.store, route.stream, () => this.attempt(p, route, 0));
    } catch (e) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rethrown as thrown
      return Promise.reject(e);
    }
  }

  /** One try: loads the target (then the related streams), decides and appends. */
  private attempt(
    p: Prepared<C>,
    route: Route,
    attempt: number,
  ): Outcome<E.Either<HandleError<Err>, HandleResult>> {
    const loading = this.folded.load(route.stream, p.meta.commandId);
    // Most loads from an in-memory store answer at once: no turn to wait then.
    return loading instanceof Promise
      ? loading.then((loaded) => this.loaded(p, route, attempt, loaded))
      : this.loaded(p, route, attempt, loading);
  }

  /** After the target's load: a repeated command's first run, or the related streams. */
  private loaded(
    p: Prepared<C>,
    route: Route,
    attempt: number,
    loaded: E.Either<StoreError, Loaded<S>>,
  ): Outcome<E.Either<HandleError<Err>, HandleResult>> {
    if (E.isLeft(loaded)) return loaded;
    const target = loaded.right;
    const prior = target.prior;
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
    const more = this.options.model.relatedOf?.(p.command, target.state) ?? NONE;
    const relatedStreams = more.length === 0 ? route.related : [...route.related, ...more];
    // Most commands name no related stream: no promise to wait for then.
    if (relatedStreams.length === 0)
      return this.decideAndAppend(p, route, attempt, target, NO_RELATED);
    return this.loadRelated(relatedStreams, route.stream).then((related) =>
      this.decideAndAppend(p, route, attempt, target, related),
    );
  }

  /** Decides from the loaded states and appends under the target's revision. */
  private decideAndAppend(
    p: Prepared<C>,
    route: Route,
    attempt: number,
    target: Loaded<S>,
    related: E.Either<StoreError, ReadonlyMap<string, S>>,
  ): Outcome<E.Either<HandleError<Err>, HandleResult>> {
    if (E.isLeft(related)) return related;
    const { model, store } = this.options;
    const decision = model.decide(p.command, target.state, {
      issuer: p.issuer,
      related: related.right,
    });
    if (E.isLeft(decision)) return decision;
    if (decision.right.length === 0)
      return E.right({
        stream: route.stream,
        nextRevision: target.revision ?? -1,
        position: target.lastPosition,
        events: [],
      });
    const expected: ExpectedRevision =
      target.revision === null ? 'no-stream' : { revision: target.revision };
    const proposed = this.proposedEvents(p, decision.right);
    const now = this.appendNow;
    if (now !== undefined && store.append === now.append) {
      const appended = now.appendNow(route.stream, proposed, expected);
      // The in-memory store answers with exactly a HandleResult's fields: handed on as it is.
      return E.isRight(appended) ? appended : this.appended(p, route, attempt, appended);
    }
    return store
      .append(route.stream, proposed, expected)()
      .then((appended) => this.appended(p, route, attempt, appended));
  }

  /** The append's answer: the result, the failure, or (on a conflict) another try. */
  private appended(
    p: Prepared<C>,
    route: Route,
    attempt: number,
    appended: E.Either<StoreError, AppendResult>,
  ): Outcome<E.Either<HandleError<Err>, HandleResult>> {
    if (E.isRight(appended)) {
      const { stream, nextRevision, position, events } = appended.right;
      return E.right({ stream, nextRevision, position, events });
    }
    if (appended.left._tag !== 'WrongExpectedRevision' || attempt >= this.maxRetries)
      return appended;
    return (this.options.retryDelay ?? nextTurn)(attempt + 1).then(() =>
      this.attempt(p, route, attempt + 1),
    );
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
    const ids = this.prepareContext.ids;
    const model = this.options.model;
    const proposed: ProposedEvent[] = new Array<ProposedEvent>(events.length);
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as V;
      proposed[i] = {
        eventId: ids(),
        type: event.type,
        schemaVersion: model.schemaVersionOf(event.type),
        data: jsonObject(event),
        meta,
      };
    }
    return proposed;
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
