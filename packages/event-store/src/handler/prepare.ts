import * as E from 'fp-ts/Either';
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
import { isoOf } from '../store/recorded-at';
import { inputTextErrors } from './limits';
import { commandHashOf } from './idempotency';
import { decodeCommandMeta, toInstant, type CommandMeta } from './meta';

/** The roles that may give a command its transaction time (`meta.recordedAt`). */
export const BACKFILL_ROLES: readonly string[] = ['admin', 'system'];

/** A command decoded, timed and authorized, with its lineage and fingerprint. */
export interface Prepared<C> {
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

/** What {@link prepareCommand} needs of the handler's options. */
export interface PrepareContext<C extends CommandShape, Err extends { readonly _tag: string }> {
  readonly model: Pick<DomainModel<C, EventShape, unknown, Err>, 'decodeCommand' | 'authorize'>;
  readonly clock: () => Date;
  readonly ids: () => string;
  readonly backfillBy: { readonly role: string } | undefined;
}

/** Decodes, times and authorizes a command: everything that needs no store. */
export function prepareCommand<C extends CommandShape, Err extends { readonly _tag: string }>(
  ctx: PrepareContext<C, Err>,
  input: unknown,
  rawMeta: unknown,
): E.Either<ValidationFailed | Forbidden | Err, Prepared<C>> {
  const meta = decodeCommandMeta(rawMeta);
  if (E.isLeft(meta)) return meta;
  const overLimits = inputTextErrors(input);
  if (overLimits.length > 0) return E.left(validationFailed(overLimits));
  const command = ctx.model.decodeCommand(input);
  if (E.isLeft(command)) return command;
  const m = meta.right;
  const now = isoOf(ctx.clock());
  const occurredAt = (m.occurredAt === undefined ? undefined : toInstant(m.occurredAt)) ?? now;
  const timing = checkTimes(m, ctx.backfillBy ?? m, occurredAt, now, command.right.type);
  if (E.isLeft(timing)) return timing;
  const issuer: Issuer = { actor: m.actor, role: m.role, occurredAt };
  const allowed = ctx.model.authorize(command.right, issuer);
  if (E.isLeft(allowed)) return allowed;
  const commandId = m.commandId ?? ctx.ids();
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

/** The one answer of times that are in order (an `Either` is never mutated: one object serves). */
const TIMES_OK: E.Either<never, void> = E.right(undefined);

/**
 * `occurredAt` is never after the transaction time: the given `recordedAt` of a backfill
 * (which only a backfill role may give; `by` is who backfills), else the clock's now (the
 * store stamps its own clock's, never earlier than the log's last).
 */
function checkTimes(
  m: CommandMeta,
  by: { readonly role: string },
  occurredAt: string,
  now: string,
  type: string,
): E.Either<ValidationFailed | Forbidden, void> {
  if (m.recordedAt !== undefined && !BACKFILL_ROLES.includes(by.role))
    return E.left(
      forbidden(
        by.role,
        type,
        `a backfill (meta.recordedAt) is open to ${BACKFILL_ROLES.join(' and ')} only`,
      ),
    );
  const recordedAt = m.recordedAt ?? now;
  if (occurredAt <= recordedAt) return TIMES_OK;
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
