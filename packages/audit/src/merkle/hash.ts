import { hash } from 'node:crypto';

/** A 32-byte SHA-256 digest. */
export type Digest = Buffer;

/**
 * A 32-byte digest held as a 32-character latin1 ("binary") string: the fast internal form
 * of the Merkle code (Node returns and writes such strings far cheaper than Buffers).
 */
export type BinaryDigest = string;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** SHA-256 of raw bytes, as a Buffer. */
export function sha256(data: Uint8Array): Digest {
  return hash('sha256', data, 'buffer');
}

/** The RFC 6962 root of the empty tree: SHA-256 of nothing (`e3b0c442...b855`). */
export const EMPTY_ROOT: Digest = sha256(new Uint8Array(0));

/**
 * RFC 6962 leaf hash of arbitrary leaf bytes: SHA-256(0x00 || data).
 *
 * @example
 * leafHash(Buffer.alloc(0)).toString('hex'); // '6e340b9c...'
 */
export function leafHash(data: Uint8Array): Digest {
  const buf = Buffer.allocUnsafe(data.length + 1);
  buf[0] = LEAF_PREFIX;
  buf.set(data, 1);
  return sha256(buf);
}

const nodeScratch = Buffer.alloc(65);
/** RFC 6962 interior node hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Digest, right: Digest): Digest {
  nodeScratch[0] = NODE_PREFIX;
  left.copy(nodeScratch, 1, 0, 32);
  right.copy(nodeScratch, 33, 0, 32);
  return sha256(nodeScratch);
}

/** {@link nodeHash} on binary-string digests. */
export function nodeHashBinary(left: BinaryDigest, right: BinaryDigest): BinaryDigest {
  nodeScratch[0] = NODE_PREFIX;
  nodeScratch.write(left, 1, 32, 'latin1');
  nodeScratch.write(right, 33, 32, 'latin1');
  return hash('sha256', nodeScratch, 'binary');
}

const leafScratch = Buffer.alloc(33);
const HEX64 = /^[0-9a-f]{64}$/;

/** True for 64 lowercase hex characters (the form of every hash in the log). */
export function isHexDigest(s: string): boolean {
  return s.length === 64 && HEX64.test(s);
}

/**
 * The leaf hash of one event in the log, as a binary string: SHA-256(0x00 || the 32 raw
 * bytes of its hex `hash`). The caller guarantees `eventHashHex` is 64 lowercase hex
 * characters (the envelope codec does).
 */
export function eventLeafBinary(eventHashHex: string): BinaryDigest {
  leafScratch[0] = LEAF_PREFIX;
  leafScratch.write(eventHashHex, 1, 32, 'hex');
  return hash('sha256', leafScratch, 'binary');
}

/**
 * The leaf hash of one event in the log: SHA-256(0x00 || the 32 raw bytes of its hex `hash`).
 * Throws a RangeError when `eventHashHex` is not 64 lowercase hex characters.
 *
 * @example
 * eventLeafHash(envelope.hash);
 */
export function eventLeafHash(eventHashHex: string): Digest {
  if (!isHexDigest(eventHashHex))
    throw new RangeError('an event hash is 64 lowercase hex characters');
  return Buffer.from(eventLeafBinary(eventHashHex), 'latin1');
}

/** Lowercase hex of a digest. */
export function toHex(d: Digest): string {
  return d.toString('hex');
}

/** Parses a 64-character lowercase hex digest; undefined when malformed. */
export function fromHex(hex: string): Digest | undefined {
  return isHexDigest(hex) ? Buffer.from(hex, 'hex') : undefined;
}
