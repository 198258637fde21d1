import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import {
  hasHeadConditionalAppend,
  StoreErrors,
  type EventStore,
  type ExpectedRevision,
  type ProposedEvent,
} from '@assure/event-store';
import { AuditFailure, type AuditError } from '../errors';
import { toAuditError } from '../export/export';
import { SEAL_STREAM, SEAL_TYPE } from '../export/format';
import { MerkleFrontier, eventLeafBinary } from '../merkle';

/** What {@link seal} appended (CLI.md `assure seal --json`). */
export interface SealResult {
  readonly treeSize: number;
  readonly root: string;
  readonly lastPosition: string;
  /** The seal event's own position. */
  readonly position: string;
}

/** Who seals, and optional overrides for tests. */
export interface SealOptions {
  readonly actor: string;
  /** `admin`, `auditor` or `system` (policy `roles@1`). */
  readonly role: string;
  readonly now?: () => Date;
  readonly eventId?: () => string;
  readonly commandId?: string;
  /** How many times to catch up with a moving log before giving up (default 20). */
  readonly maxAttempts?: number;
}

const SEAL_ROLES = new Set(['admin', 'auditor', 'system']);

/** The Merkle state of the log up to some position, kept while following it. */
class LogTree {
  readonly frontier = new MerkleFrontier();
  lastPosition: string | null = null;
  /** The last revision of `ledger-seals`, or null when it has no event yet. */
  sealRevision: number | null = null;

  async catchUp(store: EventStore): Promise<void> {
    const from = this.lastPosition === null ? undefined : BigInt(this.lastPosition) + 1n;
    for await (const e of store.readAll(from === undefined ? {} : { from })) {
      this.frontier.pushBinary(eventLeafBinary(e.hash));
      this.lastPosition = e.position;
      if (e.stream === SEAL_STREAM) this.sealRevision = e.revision;
    }
  }
}

/**
 * Seals the ledger: computes the RFC 6962 root of the whole log so far and appends
 * `LedgerSealed {treeSize, root, lastPosition}` to `ledger-seals` (expected revision: the
 * stream's current one), where treeSize counts the events before the seal. Streams the log
 * once, then follows it: if the log moved (another writer appended) it catches up and tries
 * again, so the seal describes exactly the prefix before it. A store that offers
 * `appendIfHead` (`HeadConditionalAppend`: the memory and file stores) appends the seal only if the log's head is
 * still the prefix's last event, so no writer can slip in. Otherwise (EventStoreDB) it checks
 * after appending that nothing slipped in between; if something did (a writer raced it in
 * the last instant), it returns `SealRaced` (seal again; verify will flag the raced seal).
 *
 * @example
 * const r = await seal(store, { actor: 'auditor-gt', role: 'auditor' })();
 * // right: { treeSize: 4210, root: '5dc9...', lastPosition: '4209', position: '4210' }
 */
export function seal(
  store: EventStore,
  options: SealOptions,
): TE.TaskEither<AuditError, SealResult> {
  return TE.tryCatch(async () => {
    if (!SEAL_ROLES.has(options.role))
      throw new AuditFailure({
        _tag: 'Forbidden',
        role: options.role,
        command: 'SealLedger',
        message: `role ${options.role} may not seal the ledger (admin, auditor, system)`,
      } satisfies AuditError);
    const tree = new LogTree();
    await tree.catchUp(store);
    const attempts = options.maxAttempts ?? 20;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const head = await store.headPosition()();
      if (E.isLeft(head)) throw new AuditFailure(head.left);
      const current = tree.lastPosition === null ? null : BigInt(tree.lastPosition);
      if (head.right !== current) {
        await tree.catchUp(store);
        continue;
      }
      const treeSize = tree.frontier.size;
      const root = tree.frontier.rootHex();
      const lastPosition = tree.lastPosition ?? '0';
      const expected: ExpectedRevision =
        tree.sealRevision === null ? 'no-stream' : { revision: tree.sealRevision };
      const eventId = (options.eventId ?? randomUUID)();
      const sealEvent: ProposedEvent = {
        eventId,
        type: SEAL_TYPE,
        schemaVersion: 1,
        data: { treeSize, root, lastPosition },
        meta: {
          actor: options.actor,
          role: options.role,
          occurredAt: (options.now ?? (() => new Date()))().toISOString(),
          ...(options.commandId === undefined ? {} : { commandId: options.commandId }),
        },
      };
      // Where the store can order it, the seal lands only if nothing came after the prefix.
      const r = hasHeadConditionalAppend(store)
        ? await store.appendIfHead(SEAL_STREAM, [sealEvent], expected, current)()
        : await store.append(SEAL_STREAM, [sealEvent], expected)();
      if (E.isLeft(r)) {
        if (r.left._tag === 'WrongExpectedRevision' || r.left._tag === 'HeadMoved') {
          await tree.catchUp(store);
          continue;
        }
        throw new AuditFailure(r.left);
      }
      const position = r.right.position;
      // Did anything land between the prefix and the seal?
      const from = current === null ? undefined : current + 1n;
      for await (const next of store.readAll(
        from === undefined ? { maxCount: 1 } : { from, maxCount: 1 },
      )) {
        if (next.eventId !== eventId)
          throw new AuditFailure({
            _tag: 'SealRaced',
            position,
            message: `an event (at ${next.position}) was appended between the sealed prefix and the seal at ${position}: seal again`,
          } satisfies AuditError);
      }
      return { treeSize, root, lastPosition, position };
    }
    throw new AuditFailure(
      StoreErrors.unavailable(`the log kept moving: no seal after ${attempts} attempts`),
    );
  }, toAuditError);
}
