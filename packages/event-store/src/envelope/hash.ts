import { hash as oneShotHash } from 'node:crypto';
import type { Envelope, EventMeta, HashedEnvelope, ProposedEvent } from './codec';
import { canonicalEnvelopeJson } from './fast';

/** Lowercase hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return oneShotHash('sha256', text, 'hex');
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
  return sha256Hex(canonicalEnvelopeJson(e));
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
