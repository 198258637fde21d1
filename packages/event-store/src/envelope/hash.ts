import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import type { Envelope, EventMeta, HashedEnvelope, ProposedEvent } from './codec';

/** RFC 8785 (JCS) canonical JSON of any JSON value. */
export function canonicalJson(value: unknown): string {
  return canonicalize(value);
}

/** Lowercase hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The fields the hash covers, in a fresh object (drops `position` and `hash`). */
export function hashedPart(e: HashedEnvelope | Envelope): HashedEnvelope {
  return {
    stream: e.stream,
    revision: e.revision,
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    meta: e.meta,
    prevHash: e.prevHash,
  };
}

/** SHA-256 of the canonical JSON of the envelope without `position` and `hash`. */
export function computeEventHash(e: HashedEnvelope | Envelope): string {
  return sha256Hex(canonicalJson(hashedPart(e)));
}

/**
 * Chains a proposed event onto a stream: assigns revision and prevHash, fills
 * `meta.recordedAt` when absent, and computes the hash. The store adds the position.
 */
export function chainEvent(
  stream: string,
  revision: number,
  prevHash: string,
  proposed: ProposedEvent,
  recordedAt: string,
): Omit<Envelope, 'position'> {
  const meta: EventMeta = { ...proposed.meta, recordedAt: proposed.meta.recordedAt ?? recordedAt };
  const hashed: HashedEnvelope = {
    stream,
    revision,
    eventId: proposed.eventId,
    type: proposed.type,
    schemaVersion: proposed.schemaVersion,
    data: proposed.data,
    meta,
    prevHash,
  };
  return { ...hashed, hash: computeEventHash(hashed) };
}
