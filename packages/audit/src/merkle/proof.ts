import { MerkleFrontier } from './frontier';
import { EMPTY_ROOT, nodeHash, type Digest } from './hash';

/** A half-open range of leaf indexes `[start, end)`. */
export interface LeafRange {
  readonly start: number;
  readonly end: number;
}

/** The largest power of two strictly below `x` (x >= 2). */
export function splitPoint(x: number): number {
  let k = 1;
  while (k * 2 < x) k *= 2;
  return k;
}

/**
 * The subtrees whose roots make the RFC 9162 inclusion proof (PATH) of leaf `index` in a
 * tree of `size` leaves, in proof order (from the leaf up).
 */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size)
    throw new RangeError(`no leaf ${index} in a tree of ${size}`);
  const out: LeafRange[] = [];
  const walk = (lo: number, hi: number): void => {
    if (hi - lo <= 1) return;
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      walk(lo, lo + k);
      out.push({ start: lo + k, end: hi });
    } else {
      walk(lo + k, hi);
      out.push({ start: lo, end: lo + k });
    }
  };
  walk(0, size);
  return out;
}

/**
 * The subtrees whose roots make the RFC 9162 consistency proof (PROOF(m, D[n])) between
 * tree sizes `from` and `to`, in proof order. Empty when `from` is 0 or equals `to`.
 */
export function consistencyRanges(from: number, to: number): LeafRange[] {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to)
    throw new RangeError(`no consistency proof from ${from} to ${to}`);
  const out: LeafRange[] = [];
  if (from === 0 || from === to) return out;
  const walk = (lo: number, hi: number, whole: boolean): void => {
    if (from === hi) {
      if (!whole) out.push({ start: lo, end: hi });
      return;
    }
    const k = splitPoint(hi - lo);
    if (from <= lo + k) {
      walk(lo, lo + k, whole);
      out.push({ start: lo + k, end: hi });
    } else {
      walk(lo + k, hi, false);
      out.push({ start: lo, end: lo + k });
    }
  };
  walk(0, to, true);
  return out;
}

/**
 * Computes the Merkle roots of a set of disjoint leaf ranges in one pass over the leaves,
 * holding O(log n) hashes: push every leaf in index order, then read {@link results}.
 *
 * @example
 * const c = new SubtreeCollector(inclusionRanges(5, 8));
 * leaves.forEach((l) => c.push(l));
 * const path = c.results();
 */
export class SubtreeCollector {
  private readonly order: number[];
  private readonly roots: (Digest | undefined)[];
  private cursor = 0;
  private index = 0;
  private current: MerkleFrontier | undefined;

  constructor(private readonly ranges: readonly LeafRange[]) {
    this.order = ranges.map((_, i) => i).sort((a, b) => ranges[a]!.start - ranges[b]!.start);
    this.roots = ranges.map(() => undefined);
  }

  /** Feeds the next leaf (leaf indexes start at 0 and increase by one per call). */
  push(leaf: Digest): void {
    const i = this.index++;
    const slot = this.order[this.cursor];
    if (slot === undefined) return;
    const r = this.ranges[slot]!;
    if (i < r.start) return;
    this.current ??= new MerkleFrontier();
    this.current.push(leaf);
    if (i === r.end - 1) {
      this.roots[slot] = this.current.root();
      this.current = undefined;
      this.cursor++;
    }
  }

  /** True once every range has been covered. */
  get done(): boolean {
    return this.cursor >= this.order.length;
  }

  /** The range roots in the order the ranges were given; throws if some range is incomplete. */
  results(): Digest[] {
    return this.roots.map((r, i) => {
      if (r === undefined) {
        const range = this.ranges[i]!;
        throw new RangeError(`leaves ${range.start}..${range.end - 1} were not all pushed`);
      }
      return r;
    });
  }
}

function collect(leaves: readonly Digest[], ranges: readonly LeafRange[], upTo: number): Digest[] {
  const c = new SubtreeCollector(ranges);
  for (let i = 0; i < upTo; i++) c.push(leaves[i]!);
  return c.results();
}

/**
 * The inclusion proof (audit path) of leaf `index` in the tree of the first `size` leaves.
 *
 * @example
 * const path = inclusionProof(leaves, 5, 8);
 * verifyInclusion(5, 8, leaves[5], path, merkleRoot(leaves.slice(0, 8))); // true
 */
export function inclusionProof(
  leaves: readonly Digest[],
  index: number,
  size: number = leaves.length,
): Digest[] {
  if (size > leaves.length) throw new RangeError(`only ${leaves.length} leaves, not ${size}`);
  return collect(leaves, inclusionRanges(index, size), size);
}

/**
 * The consistency proof between the trees of the first `from` and the first `to` leaves.
 *
 * @example
 * verifyConsistency(3, 7, root3, root7, consistencyProof(leaves, 3, 7)); // true
 */
export function consistencyProof(
  leaves: readonly Digest[],
  from: number,
  to: number = leaves.length,
): Digest[] {
  if (to > leaves.length) throw new RangeError(`only ${leaves.length} leaves, not ${to}`);
  return collect(leaves, consistencyRanges(from, to), to);
}

const isOdd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);
const isPowerOfTwo = (x: number): boolean => {
  let y = x;
  while (y > 1 && y % 2 === 0) y /= 2;
  return y === 1;
};

/**
 * One level of the path walk both checks share (RFC 9162, sections 2.1.3.2 and 2.1.4.2),
 * from the node numbers `fn` and `sn`: whether the path's next hash is the left sibling
 * (`fn` odd, or `fn` = `sn`; then `fn` and `sn` shift right until `fn` is odd or 0), and
 * the node numbers one level up (both shifted right once more).
 */
function climb(fn: number, sn: number): { left: boolean; fn: number; sn: number } {
  const left = isOdd(fn) || fn === sn;
  if (left)
    while (!isOdd(fn) && fn !== 0) {
      fn = half(fn);
      sn = half(sn);
    }
  return { left, fn: half(fn), sn: half(sn) };
}

/**
 * Checks an inclusion proof (RFC 9162, section 2.1.3.2): that `leaf` is leaf `index` of the
 * tree of `size` leaves whose root is `root`. Needs no store.
 */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Digest,
  path: readonly Digest[],
  root: Digest,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size)) return false;
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (p.length !== 32 || sn === 0) return false;
    const up = climb(fn, sn);
    r = up.left ? nodeHash(p, r) : nodeHash(r, p);
    ({ fn, sn } = up);
  }
  return sn === 0 && r.equals(root);
}

/**
 * Checks a consistency proof (RFC 9162, section 2.1.4.2): that the tree of `to` leaves with
 * root `toRoot` extends the tree of `from` leaves with root `fromRoot`. Needs no store.
 * `from` = 0 is consistent with anything (the first root must be the empty root), and
 * `from` = `to` needs an empty path and equal roots.
 */
export function verifyConsistency(
  from: number,
  to: number,
  fromRoot: Digest,
  toRoot: Digest,
  path: readonly Digest[],
): boolean {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) return false;
  if (from < 0 || from > to) return false;
  if (path.some((p) => p.length !== 32)) return false;
  if (from === 0) return path.length === 0 && fromRoot.equals(EMPTY_ROOT);
  if (from === to) return path.length === 0 && fromRoot.equals(toRoot);
  if (path.length === 0) return false;
  // When `from` is a power of two, its root is a node of the larger tree: start from it.
  const proof = isPowerOfTwo(from) ? [fromRoot, ...path] : [...path];
  let fn = from - 1;
  let sn = to - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = proof[0]!;
  let sr = proof[0]!;
  for (let i = 1; i < proof.length; i++) {
    const c = proof[i]!;
    if (sn === 0) return false;
    const up = climb(fn, sn);
    if (up.left) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
    } else {
      sr = nodeHash(sr, c);
    }
    ({ fn, sn } = up);
  }
  return sn === 0 && fr.equals(fromRoot) && sr.equals(toRoot);
}
