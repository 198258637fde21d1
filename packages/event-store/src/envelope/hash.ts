import { hash as oneShotHash } from 'node:crypto';
import {
  ENVELOPE_FIELDS,
  type Envelope,
  type EventMeta,
  type HashedEnvelope,
  type ProposedEvent,
} from './codec';
import { canonicalBuiltEnvelopeJson, canonicalEnvelopeJson } from './canonical';

/** Lowercase hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return oneShotHash('sha256', text, 'hex');
}

/** The fields the hash covers, in a fresh object (drops `position` and `hash`). */
export function hashedPart(e: HashedEnvelope | Envelope): HashedEnvelope {
  const out: Partial<Record<HashedField, unknown>> = {};
  for (const f of HASHED_FIELDS) out[f] = e[f];
  // Every field of HashedEnvelope was copied from `e`, which has them all.
  return out as HashedEnvelope;
}

/** A field the hash covers. */
export type HashedField = Exclude<(typeof ENVELOPE_FIELDS)[number], 'position' | 'hash'>;

/** The fields the hash covers, in the envelope's order: all but `position` and `hash`. */
export const HASHED_FIELDS: readonly HashedField[] = ENVELOPE_FIELDS.filter(
  (f): f is HashedField => f !== 'position' && f !== 'hash',
);

/** SHA-256 of the canonical JSON of the envelope without `position` and `hash`. */
export function computeEventHash(e: HashedEnvelope | Envelope): string {
  return sha256Hex(canonicalEnvelopeJson(e));
}

/**
 * {@link computeEventHash} of an envelope a store built and checked, with the conditions of
 * `canonicalBuiltEnvelopeJson` (its `prevHash` a stored `hash` or `GENESIS_HASH`, its
 * `stream` a checked stream name). Inside this package only (not exported from its index).
 */
export function computeBuiltEventHash(e: HashedEnvelope | Envelope): string {
  return sha256Hex(canonicalBuiltEnvelopeJson(e));
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
