import type { FieldError } from './codec/validation';
import type { ValidationFailed } from './model';

export type { ValidationFailed } from './model';

/** The role may not issue this command (policy `roles@1` by default). */
export interface Forbidden {
  readonly _tag: 'Forbidden';
  readonly role: string;
  readonly command: string;
  readonly message: string;
}
/** The command's own target stream does not exist. */
export interface NotFound {
  readonly _tag: 'NotFound';
  readonly stream: string;
  readonly message: string;
}
/** A creating command's target stream already exists. */
export interface AlreadyExists {
  readonly _tag: 'AlreadyExists';
  readonly stream: string;
  readonly message: string;
}
/** The target is in a status from which this command is not allowed. */
export interface InvalidTransition {
  readonly _tag: 'InvalidTransition';
  readonly from: string;
  readonly command: string;
  readonly message: string;
}
/** A business rule refused the command; `rule` is its id (listed in the domain README). */
export interface RuleViolated {
  readonly _tag: 'RuleViolated';
  readonly rule: string;
  readonly message: string;
}

/** Every way the domain refuses a command (the store adds its own errors). */
export type DomainError =
  ValidationFailed | Forbidden | NotFound | AlreadyExists | InvalidTransition | RuleViolated;

/** The tags of {@link DomainError}. */
export type DomainErrorTag = DomainError['_tag'];

/** Builds a `ValidationFailed` from field errors. */
export const validationFailed = (errors: readonly FieldError[]): ValidationFailed => ({
  _tag: 'ValidationFailed',
  errors,
  message: `invalid input: ${errors.map((e) => `${e.path === '' ? '(root)' : e.path} ${e.message}`).join('; ')}`,
});
/** Builds a `Forbidden`. */
export const forbidden = (role: string, command: string, why?: string): Forbidden => ({
  _tag: 'Forbidden',
  role,
  command,
  message: `role ${JSON.stringify(role)} may not issue ${command}${why === undefined ? '' : `: ${why}`}`,
});
/** Builds a `NotFound`. */
export const notFound = (stream: string): NotFound => ({
  _tag: 'NotFound',
  stream,
  message: `${stream} does not exist`,
});
/** Builds an `AlreadyExists`. */
export const alreadyExists = (stream: string): AlreadyExists => ({
  _tag: 'AlreadyExists',
  stream,
  message: `${stream} already exists`,
});
/** Builds an `InvalidTransition`. */
export const invalidTransition = (from: string, command: string): InvalidTransition => ({
  _tag: 'InvalidTransition',
  from,
  command,
  message: `${command} is not allowed from status ${from}`,
});
/** Builds a `RuleViolated`. */
export const ruleViolated = (rule: string, message: string): RuleViolated => ({
  _tag: 'RuleViolated',
  rule,
  message,
});
