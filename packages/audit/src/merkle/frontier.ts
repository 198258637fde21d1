import { EMPTY_ROOT, nodeHashBinary, type BinaryDigest, type Digest } from './hash';

const EMPTY_BINARY: BinaryDigest = EMPTY_ROOT.toString('latin1');

/**
 * An incremental RFC 6962 Merkle tree builder that keeps only the compact range of the
 * tree so far (one perfect-subtree root per set bit of the size, O(log n) memory): push
 * leaf hashes in order, ask for the root of the prefix at any time.
 *
 * @example
 * const f = new MerkleFrontier();
 * for (const e of events) f.push(eventLeafHash(e.hash));
 * f.root().toString('hex');
 */
export class MerkleFrontier {
  /** Perfect subtree roots, largest (leftmost) first, as binary strings. */
  private readonly nodes: BinaryDigest[] = [];
  private count = 0;

  /** Number of leaves pushed so far. */
  get size(): number {
    return this.count;
  }

  /** Appends one leaf hash (already prefixed with 0x00 and hashed). */
  push(leaf: Digest): void {
    this.pushBinary(leaf.toString('latin1'));
  }

  /** {@link push} for a leaf hash held as a binary string (the fast path). */
  pushBinary(leaf: BinaryDigest): void {
    let h = leaf;
    // Merge while the lowest bits of the count are set: each set bit is a subtree to close.
    for (let n = this.count; n % 2 === 1; n = Math.floor(n / 2)) {
      const left = this.nodes.pop();
      if (left === undefined) throw new Error('MerkleFrontier: inconsistent state');
      h = nodeHashBinary(left, h);
    }
    this.nodes.push(h);
    this.count++;
  }

  /** The root of the tree as a binary string. */
  rootBinary(): BinaryDigest {
    const n = this.nodes.length;
    if (n === 0) return EMPTY_BINARY;
    let r = this.nodes[n - 1]!;
    for (let i = n - 2; i >= 0; i--) r = nodeHashBinary(this.nodes[i]!, r);
    return r;
  }

  /** The root of the tree of every leaf pushed so far (the empty root when none). */
  root(): Digest {
    return Buffer.from(this.rootBinary(), 'latin1');
  }

  /** The root as lowercase hex. */
  rootHex(): string {
    return this.root().toString('hex');
  }

  /** A copy of the frontier (to branch a computation without disturbing this one). */
  clone(): MerkleFrontier {
    const c = new MerkleFrontier();
    c.nodes.push(...this.nodes);
    c.count = this.count;
    return c;
  }
}

/**
 * The RFC 6962 Merkle tree hash (MTH) of a list of leaf hashes.
 *
 * @example
 * merkleRoot([]).toString('hex'); // 'e3b0c442...b855'
 */
export function merkleRoot(leaves: Iterable<Digest>): Digest {
  const f = new MerkleFrontier();
  for (const l of leaves) f.push(l);
  return f.root();
}
