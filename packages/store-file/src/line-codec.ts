import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import {
  GENESIS_HASH,
  chainLinkProblem,
  hashProblem,
  computeEventHash,
  decodeEnvelope,
  describeEnvelopeErrors,
  draftEnvelope,
  isStoreBuiltEnvelopeFast,
  jsonProblem,
  parseEnvelopeLine,
  serializeEnvelope,
  StoreErrors,
  type Envelope,
  type ChainHead,
  type ProposedEvent,
  type StoreError,
  type StoreUnavailable,
} from '@assure/event-store';
import { messageOf } from './io';
import type { RawLine } from './lines';
import type { LogIndex } from './log-index';
import { NOT_PLAIN, plainJsonCopy } from './plain-json';

/**
 * Decodes one line of the log into an envelope: it must be JSON, pass the Envelope codec,
 * and declare as its position the byte offset where the line starts. Failures name that
 * offset: `StoreCorrupt` (unreadable) or `Tampered` (a position that is not its own).
 *
 * @example
 * const e = decodeLine({ offset: 0, text: line, next: line.length + 1 });
 */
export function decodeLine(line: RawLine): E.Either<StoreError, Envelope> {
  const at = String(line.offset);
  const parsed = parseEnvelopeLine(line.text);
  if (E.isLeft(parsed)) return E.left(StoreErrors.corrupt(at, parsed.left.message));
  const e = parsed.right;
  if (e.position !== at) {
    return E.left(
      StoreErrors.tampered(
        at,
        e.stream,
        e.revision,
        `position-mismatch: the line at byte offset ${at} declares position ${e.position}`,
      ),
    );
  }
  return E.right(e);
}

/**
 * Decodes a line and checks it against its stream's chain in the index (revision without
 * a gap, `prevHash`, `hash`), then adds it to the index. The integrity check on open.
 */
export function indexLine(index: LogIndex, line: RawLine): E.Either<StoreError, Envelope> {
  const decoded = decodeLine(line);
  if (E.isLeft(decoded)) return decoded;
  const e = decoded.right;
  const head = index.streamHead(e.stream);
  // Linked as the index stands (checked without a chain-head object), only the content
  // hash is left to check; else the chain's check says what is wrong.
  const linked = e.revision === index.countOf(head) && index.isLastHashText(head, e.prevHash);
  const problem = linked ? hashProblem(e) : chainLinkProblem(index.chainHeadOf(head), e);
  if (problem !== undefined) {
    return E.left(StoreErrors.tampered(e.position, e.stream, e.revision, problem));
  }
  index.addAfter(head, e.stream, e.hash, line.next);
  return decoded;
}

const PLACEHOLDER_TAIL = `"hash":"${GENESIS_HASH}"}`;

/** Events ready to be written: their envelopes, the lines' text and byte length. */
export interface PreparedAppend {
  readonly envelopes: Envelope[];
  /** Offset just after each envelope's line. */
  readonly ends: number[];
  /** The lines, each ending with a newline. */
  readonly text: string;
  readonly bytes: number;
}

/**
 * Turns proposed events into the lines to write at `offset`: each envelope gets its
 * position (the byte offset of its line), revision, `prevHash`, `recordedAt` and hash.
 * The store never writes a line it could not read back or verify: an event of plain JSON
 * data is copied and checked as it is ({@link plainEnvelope}: its line reads back as that
 * very envelope); any other (plain JSON still: `jsonProblem` refuses what JSON would change)
 * is written to JSON and decoded back with the Envelope codec, and its hash is computed over
 * what was decoded.
 */
export function prepareAppend(
  stream: string,
  proposed: readonly ProposedEvent[],
  head: ChainHead | undefined,
  offset: number,
  recordedAt: string,
): E.Either<StoreUnavailable, PreparedAppend> {
  const envelopes: Envelope[] = [];
  const ends: number[] = [];
  let text = '';
  let position = offset;
  let revision = head === undefined ? 0 : head.revision + 1;
  let prevHash = head === undefined ? GENESIS_HASH : head.hash;
  const add = (envelope: Envelope, line: string): void => {
    position += Buffer.byteLength(line, 'utf8');
    text += line;
    envelopes.push(envelope);
    ends.push(position);
    revision++;
    prevHash = envelope.hash;
  };
  for (let i = 0; i < proposed.length; i++) {
    const p = proposed[i] as ProposedEvent;
    let decoded: E.Either<t.Errors, Envelope>;
    let draftText: string;
    try {
      // The fields in the line's order, as `serializeEnvelope` writes them, the hash a
      // placeholder.
      const draft = draftEnvelope(
        p,
        { position: String(position), stream, revision, prevHash },
        recordedAt,
      );
      const plain = plainEnvelope(draft);
      if (plain !== undefined) {
        add(plain, `${JSON.stringify(plain)}\n`);
        continue;
      }
      // What JSON would change without a word (a Date, NaN, undefined...) is refused.
      const notJson = jsonProblem(draft.data, 'data', 0) ?? jsonProblem(draft.meta, 'meta', 0);
      if (notJson !== undefined) return E.left(StoreErrors.cannotStore(stream, i, notJson));
      draftText = JSON.stringify(draft);
      decoded = decodeEnvelope(JSON.parse(draftText));
    } catch (e) {
      return E.left(StoreErrors.cannotStore(stream, i, messageOf(e)));
    }
    if (E.isLeft(decoded)) {
      return E.left(StoreErrors.cannotStore(stream, i, describeEnvelopeErrors(decoded.left)));
    }
    // What was read back is a fresh object of this append's own: its hash is filled in
    // place (no second copy of the envelope).
    const envelope: Mutable<Envelope> = decoded.right;
    envelope.hash = computeEventHash(envelope);
    // The draft's text already is the line but for the placeholder hash, its last field.
    const line = draftText.endsWith(PLACEHOLDER_TAIL)
      ? `${draftText.slice(0, -(GENESIS_HASH.length + 2))}${envelope.hash}"}\n`
      : `${serializeEnvelope(envelope)}\n`;
    add(envelope, line);
  }
  return E.right({ envelopes, ends, text, bytes: position - offset });
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The draft as a hashed envelope when its data and meta are plain JSON and it passes the
 * fast guard; else undefined, and the slow path writes it, reads it back and, if the codec
 * refuses it, says why. Its line, `JSON.stringify(envelope)`, parses back to an equal
 * envelope (plain JSON round-trips exactly; the fields are in the line's order), so the
 * envelope needs no reading back: the store keeps and hashes what a reader will decode.
 *
 * The data is replaced by a fresh copy ({@link plainJsonCopy}). The meta is already the
 * draft's own (`draftEnvelope` copies it, key by key, into an object literal): it is checked
 * in place, not copied again ({@link isFlatPlainJson}: values of plain JSON that need no
 * copy). The draft is an object literal of exactly the envelope's fields, with a position,
 * revision and `prevHash` this store made: the guard checks the fields the caller gave
 * ({@link isStoreBuiltEnvelopeFast}), not those.
 */
function plainEnvelope(draft: Draft): Envelope | undefined {
  const data = plainJsonCopy(draft.data);
  if (data === NOT_PLAIN || !isFlatPlainJson(draft.meta)) return undefined;
  draft.data = data;
  if (!isStorableDraft(draft)) return undefined;
  // The draft is this append's own object (`draftEnvelope` builds it, meta key by key).
  draft.hash = computeEventHash(draft);
  return draft;
}

/** What `draftEnvelope` makes: the envelope's fields, in their order, not checked yet. */
type Draft = ReturnType<typeof draftEnvelope>;

/**
 * The draft passes {@link isStoreBuiltEnvelopeFast} (the fields its caller gave) and holds
 * the position, revision, `prevHash` and placeholder hash {@link prepareAppend} gave it (of
 * the right form: a decimal offset, the stream's next revision, the hash of its last event
 * or `GENESIS_HASH`): it is an envelope the codec accepts.
 */
function isStorableDraft(d: Draft): d is Draft & Envelope {
  return (
    typeof d.position === 'string' &&
    typeof d.revision === 'number' &&
    typeof d.prevHash === 'string' &&
    typeof d.hash === 'string' &&
    isStoreBuiltEnvelopeFast(d)
  );
}

/**
 * True for a plain object (of `Object.prototype`, no `toJSON`, no `__proto__` key) whose
 * values are all strings, booleans, null or finite numbers other than -0: plain JSON that
 * `JSON.parse(JSON.stringify(o))` gives back as it is, and that holds nothing a caller could
 * change afterwards (no nested object), so the object itself can be kept. Anything else
 * (a nested value included) is left to {@link plainJsonCopy}'s caller's slow path.
 */
function isFlatPlainJson(u: unknown): boolean {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false;
  if (Object.getPrototypeOf(u) !== Object.prototype || 'toJSON' in u) return false;
  const o = u as Readonly<Record<string, unknown>>;
  for (const k in o) {
    if (!Object.hasOwn(o, k) || k === '__proto__') return false;
    const v = o[k];
    if (typeof v === 'string' || typeof v === 'boolean' || v === null) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || Object.is(v, -0)) return false;
  }
  return true;
}
