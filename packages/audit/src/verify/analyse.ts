import type * as t from 'io-ts';
import type * as E from 'fp-ts/Either';
import {
  computeEventHash,
  decodeEnvelope,
  serializeEnvelope,
  type Envelope,
} from '@assure/event-store';
import { toFieldErrors } from '@assure/domain';
import { eventLeafBinary, isHexDigest, type BinaryDigest } from '../merkle/hash';
import { SEAL_STREAM, SEAL_TYPE, SealData } from '../export/format';

/** Decodes a stored event's payload by type and schema version (the domain's `decodeEvent`). */
export type EventDecoder = (
  type: string,
  schemaVersion: number,
  data: unknown,
) => E.Either<{ readonly message: string }, unknown>;

/** A seal event's payload: decoded, or why it could not be. */
export type SealOutcome =
  | { readonly ok: true; readonly treeSize: number; readonly root: string }
  | { readonly ok: false; readonly message: string };

/**
 * What can be learnt from one record of the log on its own, before the checks that depend on
 * the order of the log (chains, revisions, positions, duplicate ids, Merkle tree, seals). It is
 * computed in the verifying thread or in a worker thread; either way the verifier applies it
 * in log order, so both give the same report.
 */
export type LineOutcome =
  | { readonly kind: 'not-json'; readonly message: string }
  | {
      readonly kind: 'not-envelope';
      readonly message: string;
      readonly position: string | null;
      readonly stream: string | null;
      readonly revision: number | null;
      /** The leaf of the stored hash when it is still readable (keeps the tree aligned). */
      readonly leaf: BinaryDigest | null;
    }
  | {
      readonly kind: 'envelope';
      readonly position: string;
      readonly stream: string;
      readonly revision: number;
      readonly eventId: string;
      readonly prevHash: string;
      readonly hash: string;
      /** The recomputed hash when it differs from the stored one; null when they agree. */
      readonly computed: string | null;
      /** Why the payload did not decode; null when it did (or was not checked). */
      readonly decodeError: string | null;
      /** The payload of a `LedgerSealed` event in `ledger-seals`; null for any other. */
      readonly seal: SealOutcome | null;
      readonly leaf: BinaryDigest;
    };

const isPos = (s: unknown): s is string => typeof s === 'string' && /^(0|[1-9][0-9]*)$/.test(s);

/** The first three field errors of an io-ts decode, as one line. */
export const describeErrors = (errors: t.Errors): string =>
  toFieldErrors(errors)
    .slice(0, 3)
    .map((e) => `${e.path || '(root)'}: ${e.message}`)
    .join('; ');

/**
 * Checks one parsed record on its own: the envelope guard (the codec explains a rejection),
 * the recomputed event hash, the payload codec, a seal's payload, and its Merkle leaf.
 */
export function analyseValue(u: unknown, decode: EventDecoder | false): LineOutcome {
  return analyseDecoded(u, decode).outcome;
}

/** {@link analyseValue}, with the envelope it decoded (null when the value is none). */
function analyseDecoded(
  u: unknown,
  decode: EventDecoder | false,
): { readonly outcome: LineOutcome; readonly envelope: Envelope | null } {
  const envelope = decodeEnvelope(u);
  if (envelope._tag === 'Left') return { outcome: notEnvelope(u, envelope.left), envelope: null };
  const e = envelope.right;
  const computed = computeEventHash(e);
  let decodeError: string | null = null;
  if (decode !== false) {
    const d = decode(e.type, e.schemaVersion, e.data);
    if (d._tag === 'Left') decodeError = `${e.type}@${e.schemaVersion}: ${d.left.message}`;
  }
  let seal: SealOutcome | null = null;
  if (e.type === SEAL_TYPE && e.stream === SEAL_STREAM) {
    const s = SealData.decode(e.data);
    seal =
      s._tag === 'Left'
        ? { ok: false, message: `unreadable seal: ${describeErrors(s.left)}` }
        : { ok: true, treeSize: s.right.treeSize, root: s.right.root };
  }
  const outcome: LineOutcome = {
    kind: 'envelope',
    position: e.position,
    stream: e.stream,
    revision: e.revision,
    eventId: e.eventId,
    prevHash: e.prevHash,
    hash: e.hash,
    computed: computed === e.hash ? null : computed,
    decodeError,
    seal,
    leaf: eventLeafBinary(e.hash),
  };
  return { outcome, envelope: e };
}

/** {@link analyseValue} of one NDJSON line (a line that is not JSON is `not-json`). */
export function analyseLine(text: string, decode: EventDecoder | false): LineOutcome {
  let u: unknown;
  try {
    u = JSON.parse(text);
  } catch (e) {
    return { kind: 'not-json', message: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  return analyseValue(u, decode);
}

function notEnvelope(u: unknown, errors: t.Errors): LineOutcome {
  const rec = typeof u === 'object' && u !== null ? (u as Record<string, unknown>) : {};
  const h = rec['hash'];
  return {
    kind: 'not-envelope',
    message: `not an envelope: ${describeErrors(errors)}`,
    position: isPos(rec['position']) ? rec['position'] : null,
    stream: typeof rec['stream'] === 'string' ? rec['stream'] : null,
    revision: typeof rec['revision'] === 'number' ? rec['revision'] : null,
    leaf: typeof h === 'string' && isHexDigest(h) ? eventLeafBinary(h) : null,
  };
}

/**
 * What an import into a file store needs of a line beside its outcome: its `meta.recordedAt`
 * (null when the line is no envelope), and whether the line is already laid out exactly as
 * the store writes an envelope (`serializeEnvelope`: the normative field order, no
 * whitespace), so that only its position has to change.
 */
export interface StoreLineInfo {
  readonly outcome: LineOutcome;
  readonly recordedAt: string | null;
  readonly layout: boolean;
}

/** {@link analyseLine}, plus what an import into a file store needs ({@link StoreLineInfo}). */
export function analyseStoreLine(text: string, decode: EventDecoder | false): StoreLineInfo {
  let u: unknown;
  try {
    u = JSON.parse(text);
  } catch (e) {
    const message = `not JSON: ${e instanceof Error ? e.message : String(e)}`;
    return { outcome: { kind: 'not-json', message }, recordedAt: null, layout: false };
  }
  const { outcome, envelope: e } = analyseDecoded(u, decode);
  if (e === null) return { outcome, recordedAt: null, layout: false };
  return { outcome, recordedAt: e.meta.recordedAt, layout: serializeEnvelope(e) === text };
}
