import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { Hash, NonNegativeInteger, type Envelope, type EventStore } from '@assure/event-store';
import { toFieldErrors } from '@assure/domain';
import { AuditFailure, type AuditError } from '../errors';
import { toAuditError } from '../export/export';
import type { Witness } from '../verify/report';
import {
  MerkleFrontier,
  SubtreeCollector,
  consistencyRanges,
  eventLeafBinary,
  eventLeafHash,
  fromHex,
  inclusionRanges,
  verifyConsistency,
  verifyInclusion,
  type Digest,
} from '../merkle';

const HexDigest = Hash;
const Size = NonNegativeInteger;

/**
 * An inclusion proof (CLI.md `assure prove --event`), plus `hash`: the event's own hash,
 * whose leaf the path starts from (so the proof checks without the event or the store).
 */
export const InclusionProofJson = t.type(
  {
    eventId: t.string,
    position: t.string,
    hash: HexDigest,
    leafIndex: Size,
    treeSize: Size,
    root: HexDigest,
    path: t.array(HexDigest),
  },
  'InclusionProof',
);
export type InclusionProofJson = t.TypeOf<typeof InclusionProofJson>;

/** A consistency proof (CLI.md `assure prove --from-size`). */
export const ConsistencyProofJson = t.type(
  {
    fromSize: Size,
    toSize: Size,
    fromRoot: HexDigest,
    toRoot: HexDigest,
    path: t.array(HexDigest),
  },
  'ConsistencyProof',
);
export type ConsistencyProofJson = t.TypeOf<typeof ConsistencyProofJson>;

const hexes = (ds: readonly Digest[]): string[] => ds.map((d) => d.toString('hex'));

/** Counts the events of the log (streaming). */
async function logSize(store: EventStore): Promise<number> {
  let n = 0;
  for await (const _ of store.readAll()) n++;
  return n;
}

/**
 * Proves that an event is in the log: its leaf index and the RFC 9162 audit path to the
 * root of the first `treeSize` events (default: the whole log). Streams the log twice
 * (find the event and the size, then hash), holding O(log n) hashes.
 *
 * @example
 * const p = await proveEvent(store, '0b9f...')();
 * // right: { eventId, position, hash, leafIndex: 41, treeSize: 4210, root, path: [...] }
 */
export function proveEvent(
  store: EventStore,
  eventId: string,
  options: { readonly treeSize?: number } = {},
): TE.TaskEither<AuditError, InclusionProofJson> {
  return TE.tryCatch(async () => {
    let found: { index: number; event: Envelope } | undefined;
    let n = 0;
    for await (const e of store.readAll()) {
      if (found === undefined && e.eventId === eventId) found = { index: n, event: e };
      n++;
    }
    if (found === undefined)
      throw new AuditFailure({
        _tag: 'EventNotFound',
        eventId,
        message: `no event ${eventId} in the log`,
      } satisfies AuditError);
    const size = options.treeSize ?? n;
    if (size > n || size <= found.index)
      throw new AuditFailure({
        _tag: 'BadTreeSize',
        message: `tree size ${size} must be above the leaf index ${found.index} and at most ${n}`,
      } satisfies AuditError);
    const collector = new SubtreeCollector(inclusionRanges(found.index, size));
    const frontier = new MerkleFrontier();
    let i = 0;
    for await (const e of store.readAll()) {
      if (i++ >= size) break;
      const leaf = eventLeafHash(e.hash);
      collector.push(leaf);
      frontier.push(leaf);
    }
    return {
      eventId,
      position: found.event.position,
      hash: found.event.hash,
      leafIndex: found.index,
      treeSize: size,
      root: frontier.rootHex(),
      path: hexes(collector.results()),
    };
  }, toAuditError);
}

/**
 * Proves that the log of `toSize` events (default: the whole log) extends the log of
 * `fromSize` events (RFC 9162 consistency proof), with both roots. One pass over the log
 * (two without `toSize`).
 *
 * @example
 * const p = await proveConsistency(store, 1200)();
 * // right: { fromSize: 1200, toSize: 4210, fromRoot, toRoot, path: [...] }
 */
export function proveConsistency(
  store: EventStore,
  fromSize: number,
  toSize?: number,
): TE.TaskEither<AuditError, ConsistencyProofJson> {
  return TE.tryCatch(async () => {
    const to = toSize ?? (await logSize(store));
    if (!Number.isSafeInteger(fromSize) || fromSize < 0 || fromSize > to)
      throw new AuditFailure({
        _tag: 'BadTreeSize',
        message: `from size ${fromSize} must be between 0 and ${to}`,
      } satisfies AuditError);
    const collector = new SubtreeCollector(consistencyRanges(fromSize, to));
    const frontier = new MerkleFrontier();
    let fromRoot = frontier.rootHex();
    let i = 0;
    for await (const e of store.readAll()) {
      if (i >= to) break;
      const leaf = eventLeafBinary(e.hash);
      collector.push(Buffer.from(leaf, 'latin1'));
      frontier.pushBinary(leaf);
      i++;
      if (i === fromSize) fromRoot = frontier.rootHex();
    }
    if (i < to)
      throw new AuditFailure({
        _tag: 'BadTreeSize',
        message: `the log has ${i} events, not ${to}`,
      } satisfies AuditError);
    return {
      fromSize,
      toSize: to,
      fromRoot,
      toRoot: frontier.rootHex(),
      path: hexes(collector.results()),
    };
  }, toAuditError);
}

/** The outcome of {@link checkProof}. */
export type ProofCheck =
  | {
      readonly kind: 'inclusion' | 'consistency';
      readonly ok: boolean;
      /** A witnessed root was given and the proof reaches it. */
      readonly witnessed: boolean;
      /** Why it fails (absent when it holds). */
      readonly message?: string;
    }
  | { readonly kind: 'unreadable'; readonly ok: false; readonly message: string };

/** Options of {@link checkProof}. */
export interface CheckProofOptions {
  /**
   * The witnessed tree size and root the proof must reach: an inclusion proof's tree, or
   * either end of a consistency proof. Without one, a proof only agrees with itself.
   */
  readonly witness?: Witness;
}

const verdict = (
  kind: 'inclusion' | 'consistency',
  holds: boolean,
  ends: readonly { readonly treeSize: number; readonly root: string }[],
  witness: Witness | undefined,
): ProofCheck => {
  if (!holds)
    return { kind, ok: false, witnessed: false, message: 'the path does not lead to the root' };
  if (witness === undefined) return { kind, ok: true, witnessed: false };
  if (ends.some((e) => e.treeSize === witness.treeSize && e.root === witness.root))
    return { kind, ok: true, witnessed: true };
  const said = ends.map((e) => `${e.root} at size ${e.treeSize}`).join(' and ');
  return {
    kind,
    ok: false,
    witnessed: false,
    message: `the proof holds for ${said}, not for the witnessed root ${witness.root} at size ${witness.treeSize}`,
  };
};

/**
 * Checks an inclusion or a consistency proof (as {@link proveEvent} and
 * {@link proveConsistency} write them) with no store: recomputes the root from the path and,
 * given a witnessed `(treeSize, root)`, requires the proof to reach it.
 *
 * @example
 * checkProof(JSON.parse(fs.readFileSync('proof.json', 'utf8')), { witness: { treeSize: 285, root } });
 * // { kind: 'inclusion', ok: true, witnessed: true }
 */
export function checkProof(u: unknown, options: CheckProofOptions = {}): ProofCheck {
  const inc = InclusionProofJson.decode(u);
  if (E.isRight(inc)) {
    const p = inc.right;
    const path = p.path.map((h) => fromHex(h)!);
    const holds = verifyInclusion(
      p.leafIndex,
      p.treeSize,
      eventLeafHash(p.hash),
      path,
      fromHex(p.root)!,
    );
    return verdict('inclusion', holds, [{ treeSize: p.treeSize, root: p.root }], options.witness);
  }
  const con = ConsistencyProofJson.decode(u);
  if (E.isRight(con)) {
    const p = con.right;
    const holds = verifyConsistency(
      p.fromSize,
      p.toSize,
      fromHex(p.fromRoot)!,
      fromHex(p.toRoot)!,
      p.path.map((h) => fromHex(h)!),
    );
    const ends = [
      { treeSize: p.fromSize, root: p.fromRoot },
      { treeSize: p.toSize, root: p.toRoot },
    ];
    return verdict('consistency', holds, ends, options.witness);
  }
  const isInclusion = typeof u === 'object' && u !== null && 'leafIndex' in u;
  const errors = toFieldErrors(isInclusion ? inc.left : con.left);
  return {
    kind: 'unreadable',
    ok: false,
    message: errors.map((e) => `${e.path || '(root)'}: ${e.message}`).join('; '),
  };
}
