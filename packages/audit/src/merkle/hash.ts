import { hash } from 'node:crypto';

/** A 32-byte SHA-256 digest. */
export type Digest = Buffer;

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

const leafScratch = Buffer.alloc(33);
const HEX64 = /^[0-9a-f]{64}$/;
/**
 * The leaf hash of one event in the log: SHA-256(0x00 || the 32 raw bytes of its hex `hash`).
 * Throws a RangeError when `eventHashHex` is not 64 lowercase hex characters.
 *
 * @example
 * eventLeafHash(envelope.hash);
 */
export function eventLeafHash(eventHashHex: string): Digest {
  if (eventHashHex.length !== 64 || !HEX64.test(eventHashHex))
    throw new RangeError('an event hash is 64 lowercase hex characters');
  leafScratch[0] = LEAF_PREFIX;
  leafScratch.write(eventHashHex, 1, 32, 'hex');
  return sha256(leafScratch);
}

/** Lowercase hex of a digest. */
export function toHex(d: Digest): string {
  return d.toString('hex');
}

/** Parses a 64-character lowercase hex digest; undefined when malformed. */
export function fromHex(hex: string): Digest | undefined {
  return hex.length === 64 && HEX64.test(hex) ? Buffer.from(hex, 'hex') : undefined;
}
