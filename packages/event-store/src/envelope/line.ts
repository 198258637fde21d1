import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { toFieldErrors } from '@assure/domain';
import { ENVELOPE_FIELDS, Envelope, GENESIS_HASH } from './codec';
import { isEnvelopeFast } from './fast';
import { computeEventHash } from './hash';

// The envelope line codec: the one place that turns a line of a log or of an export into an
// envelope and back, and checks an envelope against its stream's chain. Every store, the
// CLI, export, verify and the EventStoreDB mapping go through it.

/** Why a line is not an envelope: not JSON, or JSON the `Envelope` codec rejects. */
export type LineProblem =
  | { readonly _tag: 'NotJson'; readonly message: string }
  | {
      readonly _tag: 'NotEnvelope';
      /** The parsed JSON value the codec rejected. */
      readonly value: unknown;
      /** The codec's errors, one per bad field. */
      readonly errors: t.Errors;
      readonly message: string;
    };

/** Renders io-ts errors as `path: reason; ...` (`(the line)` for the value itself). */
export function describeEnvelopeErrors(errors: t.Errors): string {
  return toFieldErrors(errors)
    .map((f) => `${f.path === '' ? '(the line)' : f.path}: ${f.message}`)
    .join('; ');
}

/**
 * Decodes a parsed JSON value into an envelope: the fast guard for the usual valid case,
 * else the `Envelope` codec, whose errors say which field is wrong and why.
 */
export function decodeEnvelope(u: unknown): E.Either<t.Errors, Envelope> {
  return isEnvelopeFast(u) ? E.right(u) : Envelope.decode(u);
}

/**
 * Parses one line (without its newline) into an envelope, or says why it is not one.
 * Positions and chains are the caller's to check ({@link chainLinkProblem}).
 *
 * @example
 * const r = parseEnvelopeLine('{"position":"0",...}');
 * if (E.isLeft(r)) console.error(r.left.message);
 */
export function parseEnvelopeLine(text: string): E.Either<LineProblem, Envelope> {
  let u: unknown;
  try {
    u = JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return E.left({ _tag: 'NotJson', message: `the line is not valid JSON (${reason})` });
  }
  const decoded = decodeEnvelope(u);
  if (E.isRight(decoded)) return decoded;
  return E.left({
    _tag: 'NotEnvelope',
    value: u,
    errors: decoded.left,
    message: `the line fails the Envelope codec: ${describeEnvelopeErrors(decoded.left)}`,
  });
}

/**
 * The line of an envelope (without newline): its JSON with the fields in the normative
 * order ({@link ENVELOPE_FIELDS}), as stores write them and exports carry them.
 */
export function serializeEnvelope(e: Envelope): string {
  const ordered: Partial<Record<keyof Envelope, unknown>> = {};
  for (const f of ENVELOPE_FIELDS) ordered[f] = e[f];
  return JSON.stringify(ordered);
}

/** Where a stream's chain stands: its last revision and that event's hash. */
export interface ChainHead {
  readonly revision: number;
  readonly hash: string;
}

/** `hash-mismatch: ...` when the stored hash is not the hash of the event's content. */
export function hashProblem(e: Envelope): string | undefined {
  const actual = computeEventHash(e);
  return e.hash === actual ? undefined : `hash-mismatch: stored ${e.hash}, computed ${actual}`;
}

/**
 * Checks one event against its stream's chain head (`undefined` for a new stream):
 * revision follows without a gap, `prevHash` is the previous hash (GENESIS at revision 0),
 * and `hash` is the hash of the event's content. Returns the reason it fails, if any.
 *
 * @example
 * const reason = chainLinkProblem(undefined, firstEvent); // undefined when intact
 */
export function chainLinkProblem(head: ChainHead | undefined, e: Envelope): string | undefined {
  const linkReason = linkOnlyProblem(head, e.revision, e.prevHash);
  return linkReason ?? hashProblem(e);
}

/**
 * The link part of {@link chainLinkProblem} from the three fields it needs (for readers
 * that take them from a line without parsing it): revision and `prevHash` only.
 */
export function linkOnlyProblem(
  head: ChainHead | undefined,
  revision: number,
  prevHash: string,
): string | undefined {
  const expectedRevision = head === undefined ? 0 : head.revision + 1;
  if (revision !== expectedRevision)
    return `revision-gap: expected revision ${expectedRevision}, found ${revision}`;
  const expectedPrev = head === undefined ? GENESIS_HASH : head.hash;
  if (prevHash !== expectedPrev)
    return `chain-broken: prevHash ${prevHash} is not the previous hash ${expectedPrev}`;
  return undefined;
}
