import { chainLinkProblem, type ChainHead, type Envelope } from '../envelope';
import { StoreErrors, type Tampered } from './errors';

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
