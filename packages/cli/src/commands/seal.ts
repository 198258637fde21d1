import * as E from 'fp-ts/Either';
import { seal, SEAL_STREAM, type SealResult } from '@assure/audit';
import { domainModel, forbidden, validationFailed } from '@assure/domain';
import {
  BACKFILL_ROLES,
  checkSameCommand,
  commandHashOf,
  decodeCommandMeta,
  hasHeadConditionalAppend,
  readAllInBatches,
  storeErrorOf,
  toInstant,
  type BatchReader,
  type CommandMeta,
  type EventStore,
  type ExpectedRevision,
  type HeadConditionalAppend,
  type ProposedEvent,
} from '@assure/event-store';
import { type Ctx, fail, printJson, withStore } from '../context';
import type { TaggedError } from '../errors';
import { ExitCode } from '../exit-codes';

/**
 * What `assure seal --json` prints (normative): `{treeSize, root, lastPosition, position}`,
 * exactly what `@assure/audit`'s `seal()` returns (`position` is the seal event's own).
 */
export type SealOutput = SealResult;

/**
 * A view of `store` whose appends add `extra` to every proposed event's meta: how the
 * lineage (`correlationId`, `causationId`) and, for a backfill, `recordedAt` with
 * `backfill: true` reach the seal event, which `@assure/audit`'s `seal()` writes itself.
 */
function withExtraMeta(
  store: EventStore,
  extra: Readonly<Record<string, unknown>>,
): EventStore & BatchReader & Partial<HeadConditionalAppend> {
  const withMeta = (events: readonly ProposedEvent[]) =>
    events.map((e) => ({ ...e, meta: { ...e.meta, ...extra } }));
  return {
    ...(hasHeadConditionalAppend(store)
      ? {
          appendIfHead: (
            stream: string,
            events: readonly ProposedEvent[],
            expected: ExpectedRevision,
            head: bigint | null,
          ) => store.appendIfHead(stream, withMeta(events), expected, head),
        }
      : {}),
    readStream: (stream, options) => store.readStream(stream, options),
    readAll: (options) => store.readAll(options),
    readAllBatches: (options) => readAllInBatches(store, options),
    subscribe: (options) => store.subscribe(options),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
    append: (stream, events, expected) => store.append(stream, withMeta(events), expected),
  };
}

/**
 * The seal already written under this command id, if any (a repeated command id is
 * applied idempotently, as with every other command).
 */
async function priorSeal(
  store: EventStore,
  commandId: string,
  issuer: { readonly actor: string; readonly role: string },
): Promise<E.Either<TaggedError, SealOutput | null>> {
  try {
    for await (const e of store.readStream(SEAL_STREAM)) {
      if (e.meta.commandId !== commandId) continue;
      // A seal has no payload: the same command is the same actor and role.
      const hash = commandHashOf({ type: 'SealLedger', data: {} });
      const same = checkSameCommand([e], { commandId, hash }, issuer);
      if (E.isLeft(same)) return same;
      const decoded = domainModel.decodeEvent(e.type, e.schemaVersion, e.data);
      if (E.isLeft(decoded) || decoded.right.type !== 'LedgerSealed') continue;
      const { treeSize, root, lastPosition } = decoded.right.data;
      return E.right({ treeSize, root, lastPosition, position: e.position });
    }
  } catch (thrown) {
    const error = storeErrorOf(thrown);
    if (error !== undefined) return E.left(error);
    throw thrown;
  }
  return E.right(null);
}

/**
 * Seals the ledger of an open store with `@assure/audit`'s `seal()` (streaming Merkle
 * frontier, catch-up when the log moves, race detection): the RFC 6962 root of every event
 * so far goes into a `LedgerSealed` event on `ledger-seals`. The domain's authorization
 * policy is applied first (roles@1: admin, auditor and system may seal), so a refused role ends
 * with `Forbidden`; a command id already used returns the seal it wrote (by the same actor
 * and role; `CommandIdReused` otherwise). A backfilled seal (`meta.recordedAt`) follows the
 * command handler's rules: a backfill role (of `backfillBy`, else of the seal's issuer), and
 * `occurredAt` not after `recordedAt`. Meta over the input limits is `ValidationFailed`
 * (see `decodeCommandMeta`), and nothing is written.
 */
export async function sealStore(
  store: EventStore,
  given: CommandMeta,
  backfillBy?: { readonly actor: string; readonly role: string },
): Promise<E.Either<TaggedError, SealOutput>> {
  // The input limits of any command's meta (ids of 200 characters, dates 1900-2199).
  const decoded = decodeCommandMeta(given);
  if (E.isLeft(decoded)) return decoded;
  const meta = decoded.right;
  const occurredAt =
    (meta.occurredAt === undefined ? undefined : toInstant(meta.occurredAt)) ??
    new Date().toISOString();
  const allowed = domainModel.authorize(
    { type: 'SealLedger', data: {} },
    { actor: meta.actor, role: meta.role, occurredAt },
  );
  if (E.isLeft(allowed)) return allowed;
  if (meta.recordedAt !== undefined) {
    const by = backfillBy ?? meta;
    if (!BACKFILL_ROLES.includes(by.role))
      return E.left(
        forbidden(
          by.role,
          'SealLedger',
          'a backfill (meta.recordedAt) is open to admin and system only',
        ),
      );
    if (occurredAt > meta.recordedAt)
      return E.left(
        validationFailed([
          {
            path: 'meta.occurredAt',
            message: `${occurredAt} is after meta.recordedAt ${meta.recordedAt}`,
          },
        ]),
      );
  }
  if (meta.commandId !== undefined) {
    const prior = await priorSeal(store, meta.commandId, meta);
    if (E.isLeft(prior)) return prior;
    if (prior.right !== null) return E.right(prior.right);
  }
  const extra: Record<string, unknown> =
    meta.commandId === undefined
      ? {}
      : {
          correlationId: meta.correlationId ?? meta.commandId,
          causationId: meta.causationId ?? meta.commandId,
        };
  if (meta.recordedAt !== undefined) {
    extra['recordedAt'] = meta.recordedAt;
    extra['backfill'] = true;
  }
  const target = Object.keys(extra).length === 0 ? store : withExtraMeta(store, extra);
  return seal(target, {
    actor: meta.actor,
    role: meta.role,
    now: () => new Date(occurredAt),
    ...(meta.commandId === undefined ? {} : { commandId: meta.commandId }),
  })();
}

/** `assure seal` / `assure ledger seal`. */
export async function sealLedger(ctx: Ctx, meta: CommandMeta): Promise<ExitCode> {
  return withStore(ctx, {}, async (store) => {
    const r = await sealStore(store, meta);
    if (E.isLeft(r)) return fail(ctx, r.left);
    if (ctx.globals.json) printJson(ctx, r.right);
    else
      ctx.io.out(
        `sealed ${r.right.treeSize} events: root ${r.right.root} (seal at position ${r.right.position})\n` +
          'Give the tree size and root to your witness (the external auditor) to keep outside this system.\n',
      );
    return ExitCode.ok;
  });
}
