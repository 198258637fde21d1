import { computeEventHash, GENESIS_HASH, type Envelope } from '../envelope';
import { StoreErrors, type Tampered } from './errors';

/** Where a stream's chain stands: its last revision and that event's hash. */
export interface ChainHead {
  readonly revision: number;
  readonly hash: string;
}

/**
 * Checks one event against its stream's chain head (`undefined` for a new stream):
 * revision follows without a gap, `prevHash` is the previous hash (GENESIS at revision 0),
 * and `hash` is the hash of the event's content. Returns the reason it fails, if any.
 *
 * @example
 * const reason = chainLinkProblem(undefined, firstEvent); // undefined when intact
 */
export function chainLinkProblem(head: ChainHead | undefined, e: Envelope): string | undefined {
  const expectedRevision = head === undefined ? 0 : head.revision + 1;
  if (e.revision !== expectedRevision)
    return `revision-gap: expected revision ${expectedRevision}, found ${e.revision}`;
  const expectedPrev = head === undefined ? GENESIS_HASH : head.hash;
  if (e.prevHash !== expectedPrev)
    return `chain-broken: prevHash ${e.prevHash} is not the previous hash ${expectedPrev}`;
  const actual = computeEventHash(e);
  if (e.hash !== actual) return `hash-mismatch: stored ${e.hash}, computed ${actual}`;
  return undefined;
}

/**
 * Follows every stream's hash chain through a log read in position order, one event at a
 * time (only the heads are kept in memory). Stores use it when opening a log; tests use
 * it to prove chains intact.
 *
 * @example
 * const chains = new ChainTracker();
 * for await (const e of store.readAll()) {
 *   const problem = chains.check(e);
 *   if (problem) throw new StoreFailure(problem);
 * }
 */
export class ChainTracker {
  readonly #heads = new Map<string, ChainHead>();

  /** Checks the next event of the log and advances its stream's head if it is intact. */
  check(e: Envelope): Tampered | undefined {
    const problem = chainLinkProblem(this.#heads.get(e.stream), e);
    if (problem !== undefined)
      return StoreErrors.tampered(e.position, e.stream, e.revision, problem);
    this.#heads.set(e.stream, { revision: e.revision, hash: e.hash });
    return undefined;
  }

  /** The head of one stream, if any event of it was checked. */
  head(stream: string): ChainHead | undefined {
    return this.#heads.get(stream);
  }

  /** Every stream seen so far, with its head. */
  heads(): ReadonlyMap<string, ChainHead> {
    return this.#heads;
  }
}
