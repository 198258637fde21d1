import * as E from 'fp-ts/Either';
import type { CommandShape, DomainModel, EventShape } from '@assure/domain';
import type { Envelope } from '../envelope';
import type { EventStore, StoreError, SyncStreamReader } from '../store';
import { hasSyncStreamReader } from '../store/capabilities';
import { storeErrorOf, StoreErrors } from '../store/errors';

/** The default bound of the handler's cache of folded streams (see {@link FoldedStates}). */
export const DEFAULT_STATE_CACHE_ENTRIES = 1000;

/** A stream loaded and folded for a decision. */
export interface Loaded<S> {
  readonly state: S;
  /** Last revision, null when the stream does not exist. */
  readonly revision: number | null;
  readonly lastPosition: string | null;
  /** Events of the stream already written by the command being handled. */
  readonly prior: readonly Envelope[];
}

/** Where each commandId's events are in a stream: their first and last revision. */
type CommandRanges = Map<string, { first: number; last: number }>;

/**
 * A fold in progress: the state after `revision`, and the commandIds met so far (undefined:
 * not kept, see {@link Folded.commands}).
 */
interface Tail<S> {
  state: S;
  revision: number;
  lastPosition: string | null;
  readonly commands: CommandRanges | undefined;
}

/** No event of the command being handled (shared: frozen, and only ever read). */
const NO_PRIOR: readonly Envelope[] = Object.freeze([]);

/** Says an event is not the next revision after the cached prefix: fold from the start. */
const REFOLD = Symbol('refold');
type Refold = typeof REFOLD;

/** A stream folded to a revision, with where each commandId's events are in it. */
interface Folded<S> {
  readonly state: S;
  readonly revision: number;
  readonly lastPosition: string;
  /**
   * The first and last revision of the events of each commandId of the stream. Only ever
   * grows (first kept, last raised), so entries folded concurrently to the same events agree.
   * Undefined until a command with a given `commandId` comes for the stream: only such a
   * command looks its id up (a generated id is new), so until then it is not kept, and then
   * the stream is folded once more from its start to build it (as a load without a cached
   * state does); it is kept up from then on.
   */
  readonly commands: CommandRanges | undefined;
}

/**
 * Loads and folds streams for the command handler, keeping the folded state of the most
 * recently used streams (a least-recently-used cache of at most `maxEntries` streams; 0
 * keeps none) with the revision it is folded to. A load folds only the events after that
 * revision (`readStream(stream, { fromRevision })`), so a command on a long stream no longer
 * replays it; the tail is read on every load, so events appended behind the cache's back
 * (another handler, another process) are always folded in before a decision, and a
 * `WrongExpectedRevision` retry reads the tail again. Events are immutable and streams only
 * grow, so a folded prefix never goes stale.
 *
 * An entry holds the folded state and, for idempotency, the revision range of each
 * commandId of the stream (not its events): a repeated commandId re-reads just that range.
 * Its memory is the state, plus, once a command with a given `commandId` came for the stream
 * (see `Folded.commands`), about one commandId string and two numbers per command the stream
 * holds.
 */
export class FoldedStates<
  C extends CommandShape,
  V extends EventShape,
  S,
  Err extends { readonly _tag: string },
> {
  private readonly entries = new Map<string, Folded<S>>();

  constructor(
    private readonly store: EventStore,
    private readonly model: DomainModel<C, V, S, Err>,
    private readonly maxEntries: number = DEFAULT_STATE_CACHE_ENTRIES,
  ) {}

  /**
   * The stream folded to its last revision, with the events of `commandId` (none when
   * undefined). A stored event that fails its codec is `StoreCorrupt`, and nothing is cached.
   * From a store that reads streams at once (`SyncStreamReader`), the answer comes without a
   * promise unless `commandId`'s events must be read again (a repeated command).
   */
  load(
    stream: string,
    commandId: string | undefined,
  ): E.Either<StoreError, Loaded<S>> | Promise<E.Either<StoreError, Loaded<S>>> {
    const cached = this.entries.get(stream);
    const store = this.store;
    if (!hasSyncStreamReader(store)) return this.loadAsync(stream, cached, commandId);
    const withIds = commandId !== undefined;
    let folded: E.Either<StoreError, Folded<S> | undefined>;
    try {
      folded = this.foldNow(stream, usable(cached, withIds), store, withIds);
    } catch (thrown) {
      return E.left(errorOf(thrown));
    }
    if (E.isLeft(folded)) return folded;
    const f = folded.right;
    if (f === undefined) return E.right(this.empty(stream));
    this.remember(stream, f);
    if (commandId === undefined || f.commands?.has(commandId) !== true)
      return E.right({
        state: f.state,
        revision: f.revision,
        lastPosition: f.lastPosition,
        prior: NO_PRIOR,
      });
    return this.withPrior(stream, f, commandId);
  }

  /** {@link load} through the port's `readStream`. */
  private async loadAsync(
    stream: string,
    cached: Folded<S> | undefined,
    commandId: string | undefined,
  ): Promise<E.Either<StoreError, Loaded<S>>> {
    try {
      const withIds = commandId !== undefined;
      const folded = await this.foldTail(stream, usable(cached, withIds), withIds);
      if (E.isLeft(folded)) return folded;
      const f = folded.right;
      if (f === undefined) return E.right(this.empty(stream));
      this.remember(stream, f);
      const prior = commandId === undefined ? [] : await this.priorOf(stream, f, commandId);
      return E.right({ state: f.state, revision: f.revision, lastPosition: f.lastPosition, prior });
    } catch (thrown) {
      return E.left(errorOf(thrown));
    }
  }

  /** `f` with the events of `commandId`, read again from the store. */
  private async withPrior(
    stream: string,
    f: Folded<S>,
    commandId: string,
  ): Promise<E.Either<StoreError, Loaded<S>>> {
    try {
      const prior = await this.priorOf(stream, f, commandId);
      return E.right({ state: f.state, revision: f.revision, lastPosition: f.lastPosition, prior });
    } catch (thrown) {
      return E.left(errorOf(thrown));
    }
  }

  /** A stream with no event yet. */
  private empty(stream: string): Loaded<S> {
    return {
      state: this.model.initialState(stream),
      revision: null,
      lastPosition: null,
      prior: [],
    };
  }

  /** {@link foldTail} from events read at once. */
  private foldNow(
    stream: string,
    base: Folded<S> | undefined,
    store: SyncStreamReader,
    withIds: boolean,
  ): E.Either<StoreError, Folded<S> | undefined> {
    const tail = this.tailFrom(stream, base, withIds);
    for (const e of store.readStreamNow(stream, tail.revision + 1)) {
      const problem = this.fold(base, tail, e);
      if (problem === REFOLD) return this.foldNow(stream, undefined, store, withIds);
      if (problem !== undefined) return E.left(problem);
    }
    return E.right(this.folded(base, tail));
  }

  /**
   * Folds the events after `base` (all of them without one); undefined for no stream. The
   * commandIds are kept when `base` keeps them, or (without `base`) when `withIds`.
   */
  private async foldTail(
    stream: string,
    base: Folded<S> | undefined,
    withIds: boolean,
  ): Promise<E.Either<StoreError, Folded<S> | undefined>> {
    const tail = this.tailFrom(stream, base, withIds);
    for await (const e of this.store.readStream(stream, { fromRevision: tail.revision + 1 })) {
      const problem = this.fold(base, tail, e);
      if (problem === REFOLD) return this.foldTail(stream, undefined, withIds);
      if (problem !== undefined) return E.left(problem);
    }
    return E.right(this.folded(base, tail));
  }

  /** Where a fold of the events after `base` starts (the stream's start without one). */
  private tailFrom(stream: string, base: Folded<S> | undefined, withIds: boolean): Tail<S> {
    if (base !== undefined)
      return {
        state: base.state,
        revision: base.revision,
        lastPosition: base.lastPosition,
        commands: base.commands,
      };
    return {
      state: this.model.initialState(stream),
      revision: -1,
      lastPosition: null,
      commands: withIds ? new Map() : undefined,
    };
  }

  /**
   * Folds one more event into `tail`: its problem, {@link REFOLD} when it is not the next
   * revision after a cached prefix (never expected of a store: the caller folds it all), or
   * undefined.
   */
  private fold(
    base: Folded<S> | undefined,
    tail: Tail<S>,
    e: Envelope,
  ): StoreError | Refold | undefined {
    if (base !== undefined && e.revision !== tail.revision + 1) return REFOLD;
    const decoded = this.model.decodeEvent(e.type, e.schemaVersion, e.data);
    if (E.isLeft(decoded)) return corrupt(e, decoded.left.errors);
    tail.state = this.model.evolve(tail.state, decoded.right);
    tail.revision = e.revision;
    tail.lastPosition = e.position;
    const commands = tail.commands;
    const id = e.meta.commandId;
    if (commands !== undefined && id !== undefined) {
      const range = commands.get(id);
      if (range === undefined) commands.set(id, { first: e.revision, last: e.revision });
      else if (range.last < e.revision) range.last = e.revision;
    }
    return undefined;
  }

  /** The fold's result: `base` itself when nothing came after it; undefined for no stream. */
  private folded(base: Folded<S> | undefined, tail: Tail<S>): Folded<S> | undefined {
    const { state, revision, lastPosition, commands } = tail;
    if (lastPosition === null) return undefined;
    if (base !== undefined && revision === base.revision) return base;
    return { state, revision, lastPosition, commands };
  }

  /** The events of `commandId` in the stream up to `f.revision`, read again from the store. */
  private async priorOf(stream: string, f: Folded<S>, commandId: string): Promise<Envelope[]> {
    const range = f.commands?.get(commandId);
    if (range === undefined) return [];
    const prior: Envelope[] = [];
    const last = Math.min(range.last, f.revision);
    if (range.first > last) return [];
    for await (const e of this.store.readStream(stream, { fromRevision: range.first })) {
      if (e.revision > last) break;
      if (e.meta.commandId === commandId) prior.push(e);
    }
    return prior;
  }

  /** Keeps `f` as the most recently used entry (unless an entry further on is kept). */
  private remember(stream: string, f: Folded<S>): void {
    if (this.maxEntries <= 0) return;
    const kept = this.entries.get(stream);
    this.entries.delete(stream);
    this.entries.set(stream, kept !== undefined && kept.revision > f.revision ? kept : f);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }
}

/**
 * The cached entry a load folds on from: none (a fold from the stream's start) when the
 * load looks a commandId up (`withIds`) and the entry keeps no commandIds.
 */
function usable<S>(cached: Folded<S> | undefined, withIds: boolean): Folded<S> | undefined {
  return withIds && cached !== undefined && cached.commands === undefined ? undefined : cached;
}

function corrupt(
  e: Envelope,
  errors: readonly { readonly path: string; readonly message: string }[],
): StoreError {
  const why = errors.map((f) => (f.path === '' ? f.message : `${f.path}: ${f.message}`)).join('; ');
  return StoreErrors.corrupt(
    e.position,
    `event ${e.stream}@${e.revision} (${e.type} v${e.schemaVersion}) fails its codec: ${why}`,
  );
}

/** A thrown store failure as its error; anything else thrown as `StoreUnavailable`. */
function errorOf(thrown: unknown): StoreError {
  return (
    storeErrorOf(thrown) ??
    StoreErrors.unavailable(thrown instanceof Error ? thrown.message : String(thrown))
  );
}
