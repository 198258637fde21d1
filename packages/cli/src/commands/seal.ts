import * as E from 'fp-ts/Either';
import { eventLeafHash, merkleRoot, toHex, type Digest } from '@assure/audit';
import { domainModel } from '@assure/domain';
import { createCommandHandler, type CommandMeta, type EventStore } from '@assure/event-store';
import { type Ctx, fail, printJson, withStore } from '../context';
import type { TaggedError } from '../errors';
import { ExitCode } from '../exit-codes';

/** What `assure seal --json` prints (normative). */
export interface SealOutput {
  readonly treeSize: number;
  readonly root: string;
  readonly lastPosition: string | null;
  /** The position of the `LedgerSealed` event itself. */
  readonly position: string;
}

/**
 * Seals the ledger of an open store: the RFC 6962 root of every event so far (in position
 * order, earlier seals included) goes into a `LedgerSealed` event on `ledger-seals`,
 * through the domain's command handler (authorization included). If another writer
 * appends between the read and the seal, the seal's `lastPosition` still names exactly
 * the prefix it covers.
 */
export async function sealStore(
  store: EventStore,
  meta: CommandMeta,
): Promise<E.Either<TaggedError, SealOutput>> {
  const leaves: Digest[] = [];
  let last: string | null = null;
  for await (const e of store.readAll()) {
    leaves.push(eventLeafHash(e.hash));
    last = e.position;
  }
  const root = toHex(merkleRoot(leaves));
  const data = {
    treeSize: leaves.length,
    root,
    ...(last === null ? {} : { lastPosition: last }),
  };
  const handler = createCommandHandler({ store, model: domainModel });
  const r = await handler.handle({ type: 'SealLedger', data }, meta)();
  if (E.isLeft(r)) return E.left(r.left);
  const position = r.right.events[r.right.events.length - 1]?.position ?? r.right.position ?? '';
  return E.right({ treeSize: leaves.length, root, lastPosition: last, position });
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
