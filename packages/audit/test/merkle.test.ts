import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  EMPTY_ROOT,
  MerkleFrontier,
  consistencyProof,
  inclusionProof,
  leafHash,
  merkleRoot,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
  type Digest,
} from '@assure/audit';

const hx = (s: string): Buffer => Buffer.from(s, 'hex');

// The Certificate Transparency reference tree (transparency-dev/merkle testonly): eight
// leaf inputs, the roots of every prefix, and reference proofs.
const LEAF_INPUTS = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const leaves = LEAF_INPUTS.map((s) => leafHash(hx(s)));

const INCLUSION: [number, number, string[]][] = [
  [0, 1, []],
  [0, 2, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7']],
  [1, 2, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d']],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

/** The RFC 6962 definition of MTH, written out recursively as an independent reference. */
function referenceRoot(ls: readonly Digest[]): Digest {
  if (ls.length === 0) return createHash('sha256').digest();
  if (ls.length === 1) return ls[0]!;
  let k = 1;
  while (k * 2 < ls.length) k *= 2;
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(referenceRoot(ls.slice(0, k)))
    .update(referenceRoot(ls.slice(k)))
    .digest();
}

const flipBit = (b: Digest, bit: number): Digest => {
  const c = Buffer.from(b);
  c[Math.floor(bit / 8) % 32]! ^= 1 << (bit % 8);
  return c;
};

const randomLeaves = (n: number, seed: number): Digest[] =>
  Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`leaf ${seed} ${i}`)));

describe('RFC 6962 Merkle tree: known answers', () => {
  it('has the empty-tree root e3b0c442...b855', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe(ROOTS[0]);
    expect(merkleRoot([]).toString('hex')).toBe(ROOTS[0]);
    expect(new MerkleFrontier().root().toString('hex')).toBe(ROOTS[0]);
  });

  it('computes the CT reference roots of every prefix, incrementally', () => {
    const f = new MerkleFrontier();
    leaves.forEach((l, i) => {
      f.push(l);
      expect(f.size).toBe(i + 1);
      expect(f.root().toString('hex')).toBe(ROOTS[i + 1]);
      expect(merkleRoot(leaves.slice(0, i + 1)).toString('hex')).toBe(ROOTS[i + 1]);
    });
  });

  it.each(INCLUSION)('inclusion proof of leaf %d in a tree of %d', (index, size, path) => {
    const got = inclusionProof(leaves, index, size);
    expect(got.map((p) => p.toString('hex'))).toEqual(path);
    expect(verifyInclusion(index, size, leaves[index]!, got, hx(ROOTS[size]!))).toBe(true);
  });

  it.each(CONSISTENCY)('consistency proof from %d to %d', (from, to, path) => {
    const got = consistencyProof(leaves, from, to);
    expect(got.map((p) => p.toString('hex'))).toEqual(path);
    expect(verifyConsistency(from, to, hx(ROOTS[from]!), hx(ROOTS[to]!), got)).toBe(true);
  });

  it('checks the reference proofs of every pair of sizes in the 8-leaf tree', () => {
    for (let to = 1; to <= 8; to++) {
      for (let i = 0; i < to; i++) {
        const p = inclusionProof(leaves, i, to);
        expect(verifyInclusion(i, to, leaves[i]!, p, hx(ROOTS[to]!))).toBe(true);
        expect(verifyInclusion(i, to, leaves[(i + 1) % 8]!, p, hx(ROOTS[to]!))).toBe(false);
      }
      for (let from = 0; from <= to; from++) {
        const p = consistencyProof(leaves, from, to);
        expect(verifyConsistency(from, to, hx(ROOTS[from]!), hx(ROOTS[to]!), p)).toBe(true);
      }
    }
  });

  it('rejects malformed requests', () => {
    const root = hx(ROOTS[8]!);
    expect(verifyInclusion(8, 8, leaves[0]!, [], root)).toBe(false);
    expect(verifyInclusion(-1, 8, leaves[0]!, [], root)).toBe(false);
    expect(verifyConsistency(5, 4, root, root, [])).toBe(false);
    expect(verifyConsistency(4, 8, hx(ROOTS[4]!), root, [])).toBe(false);
    expect(verifyConsistency(0, 8, hx(ROOTS[1]!), root, [])).toBe(false);
    expect(() => inclusionProof(leaves, 8, 8)).toThrow(RangeError);
    expect(() => consistencyProof(leaves, 3, 9)).toThrow(RangeError);
  });

  it('uses SHA-256(0x01 || left || right) for nodes', () => {
    expect(nodeHash(leaves[0]!, leaves[1]!).toString('hex')).toBe(ROOTS[2]);
  });
});

describe('RFC 6962 Merkle tree: properties over random sizes', () => {
  const sizeAndIndex = fc
    .integer({ min: 1, max: 300 })
    .chain((n) =>
      fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }), fc.nat(255), fc.nat()),
    );

  it('the incremental root equals the recursive definition', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.nat(), (n, seed) => {
        const ls = randomLeaves(n, seed);
        expect(merkleRoot(ls).equals(referenceRoot(ls))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('every inclusion proof verifies, and a flipped bit anywhere fails', () => {
    fc.assert(
      fc.property(sizeAndIndex, ([n, i, bit, seed]) => {
        const ls = randomLeaves(n, seed);
        const root = merkleRoot(ls);
        const path = inclusionProof(ls, i);
        expect(verifyInclusion(i, n, ls[i]!, path, root)).toBe(true);
        expect(verifyInclusion(i, n, flipBit(ls[i]!, bit), path, root)).toBe(false);
        expect(verifyInclusion(i, n, ls[i]!, path, flipBit(root, bit))).toBe(false);
        if (path.length > 0) {
          const j = seed % path.length;
          const bad = path.map((p, k) => (k === j ? flipBit(p, bit) : p));
          expect(verifyInclusion(i, n, ls[i]!, bad, root)).toBe(false);
          expect(verifyInclusion(i, n, ls[i]!, path.slice(0, -1), root)).toBe(false);
        }
        if (n > 1) expect(verifyInclusion((i + 1) % n, n, ls[i]!, path, root)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('every consistency proof verifies, and a flipped bit anywhere fails', () => {
    const sizes = fc
      .integer({ min: 1, max: 300 })
      .chain((n) =>
        fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n), fc.nat(255), fc.nat()),
      );
    fc.assert(
      fc.property(sizes, ([m, n, bit, seed]) => {
        const ls = randomLeaves(n, seed);
        const r1 = merkleRoot(ls.slice(0, m));
        const r2 = merkleRoot(ls);
        const path = consistencyProof(ls, m, n);
        expect(verifyConsistency(m, n, r1, r2, path)).toBe(true);
        if (m < n) {
          expect(verifyConsistency(m, n, flipBit(r1, bit), r2, path)).toBe(false);
          expect(verifyConsistency(m, n, r1, flipBit(r2, bit), path)).toBe(false);
          const j = seed % path.length;
          const bad = path.map((p, k) => (k === j ? flipBit(p, bit) : p));
          expect(verifyConsistency(m, n, r1, r2, bad)).toBe(false);
          // A rewritten past: change one early leaf and the old root no longer fits.
          const forged = ls.map((l, k) => (k === seed % m ? flipBit(l, bit) : l));
          expect(
            verifyConsistency(m, n, r1, merkleRoot(forged), consistencyProof(forged, m, n)),
          ).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });
});
