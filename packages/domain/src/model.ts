import type * as E from 'fp-ts/Either';
import type { FieldError } from './codec';

/**
 * The contract between the pure domain and the command handler (in `@assure/event-store`).
 * The domain package implements it as `domainModel`; an embedding app may wrap it (for
 * example to replace the authorization policy). Everything here is pure.
 */

/** A decoded command: its type name and its validated fields. */
export interface CommandShape<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}
/** A decoded domain event: its type name, its schema version and its validated fields. */
export interface EventShape<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/** Who issues a command, in which role, at what valid time. */
export interface Issuer {
  readonly actor: string;
  readonly role: string;
  /** Valid (business) time of the command, an instant (`toISOString()` form). */
  readonly occurredAt: string;
}

/** Input validation failed: every bad path with its reason. */
export interface ValidationFailed {
  readonly _tag: 'ValidationFailed';
  readonly errors: readonly FieldError[];
  readonly message: string;
}

/** Where a command goes: its target stream, and the other streams its rules read. */
export interface Route {
  readonly stream: string;
  /** Streams whose folded state the decider needs in its context (areas, recommendations, bodies). */
  readonly related: readonly string[];
}

/**
 * The domain as the handler sees it. `S` is the folded state of any stream, `C` a command,
 * `V` a domain event, `Err` the domain's tagged errors.
 */
export interface DomainModel<
  C extends CommandShape,
  V extends EventShape,
  S,
  Err extends { readonly _tag: string },
> {
  /** Decodes unknown input into a command; never throws. */
  decodeCommand(input: unknown): E.Either<ValidationFailed, C>;
  /** Decodes a stored event's payload by its type and schema version (upcasting older versions). */
  decodeEvent(type: string, schemaVersion: number, data: unknown): E.Either<ValidationFailed, V>;
  /** The schema version new events of this type are written with. */
  schemaVersionOf(type: V['type']): number;
  /** Routing of a command. */
  route(command: C): Route;
  /**
   * Streams the rules read that are known only once the target is folded (for example the
   * programme of an adviser being reassigned, whose id the command does not carry). The
   * handler loads them beside the route's related streams. Optional.
   */
  relatedOf?(command: C, state: S): readonly string[];
  /** Role-based authorization before anything is read (policy `roles@1` by default). */
  authorize(command: C, issuer: Issuer): E.Either<Err, void>;
  /** The empty state of a stream (by its name's category). */
  initialState(stream: string): S;
  /** Folds one event into a stream's state; total: never throws. */
  evolve(state: S, event: V): S;
  /** Decides: the events to append, or the tagged reason for refusing. */
  decide(command: C, state: S, context: DecisionContext<S>): E.Either<Err, readonly V[]>;
}

/** What `decide` gets besides the command and the target's state. */
export interface DecisionContext<S> {
  readonly issuer: Issuer;
  /** Folded states of the route's related streams, by stream name (absent streams fold to their initial state). */
  readonly related: ReadonlyMap<string, S>;
}
