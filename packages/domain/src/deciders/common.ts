import * as E from 'fp-ts/Either';
import type { CalendarDate, Id, ShortText, Text } from '../codec/primitives';
import type { Command, CommandType } from '../commands';
import type { DomainError } from '../errors';
import type { DomainEvent } from '../events';
import type { Issuer } from '../model';

/** The commands of one set of types. */
export type CommandsOf<K extends CommandType> = Extract<Command, { readonly type: K }>;

/** What a decision returns: the events to append, or why not. */
export type Decision = E.Either<DomainError, readonly DomainEvent[]>;

/** The facts every aggregate decider gets besides command and state. */
export interface Facts {
  readonly issuer: Issuer;
}

/** A decision that appends these events. */
export const emit = (...events: DomainEvent[]): Decision => E.right(events);

/** A refused decision. */
export const refuse = (error: DomainError): Decision => E.left(error);

// Placeholders for the fields of an aggregate that does not exist yet. They never reach an
// event: every decider refuses commands on a missing aggregate before reading its fields.
/** Placeholder id of a not-yet-created aggregate. */
export const NO_ID = '' as Id;
/** Placeholder text of a not-yet-created aggregate. */
export const NO_TEXT = '' as Text;
/** Placeholder short text of a not-yet-created aggregate. */
export const NO_SHORT_TEXT = '' as ShortText;
/** Placeholder date of a not-yet-created aggregate. */
export const NO_DATE = '' as CalendarDate;

/**
 * A copy of a state with some fields changed. `Object.assign` onto a fresh object is about
 * twice as fast in V8 as a spread literal with trailing properties, and evolve is hot.
 */
export const patch = <S extends object>(s: S, changes: Partial<S>): S =>
  Object.assign({}, s, changes);
