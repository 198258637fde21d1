import type * as fsp from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import {
  hashProblem,
  linkOnlyProblem,
  StoreErrors,
  StoreFailure,
  type Envelope,
  type TimeBounds,
} from '@assure/event-store';
import { decodeLine } from './line-codec';
import { LineScanner, READ_BATCH_LINES, type LineSkip, type RawLine } from './lines';
import type { Head, PrefixHeads } from './prefix-heads';
import { PrefixMismatch, StreamedHash } from './streamed-hash';
import {
  claimedPrefix,
  dayNumber,
  forgetVerifiedPrefix,
  NO_PREFIX,
  recordVerifiedPrefix,
  trustedPrefix,
  type PrefixTimes,
  type TrustedPrefix,
} from './verified-prefix';

/** One line through the envelope line codec, at its own position (content hash not recomputed). */
export function decodedLine(line: RawLine): Envelope {
  const d = decodeLine(line);
  if (E.isLeft(d)) throw new StoreFailure(d.left);
  return d.right;
}

/**
 * A line of the verified prefix: its bytes, at this very offset, are those that passed the
 * full check (envelope codec, position, content hash) when the record was written, so
 * parsing them gives the envelope that passed; only that it is an object declaring this
 * position is checked again (cheaply). Anything else goes through {@link decodedLine}.
 */
export function trustedLine(line: RawLine): Envelope {
  let u: unknown;
  try {
    u = JSON.parse(line.text);
  } catch {
    return decodedLine(line);
  }
  return isTrustedEnvelope(u, line.offset) ? u : decodedLine(line);
}

/**
 * Whether a parsed line of the verified prefix is what passed there: an object declaring
 * the line's offset as its position (the rest passed the codec, byte for byte, before).
 */
function isTrustedEnvelope(u: unknown, offset: number): u is Envelope {
  return (
    typeof u === 'object' &&
    u !== null &&
    'position' in u &&
    typeof u.position === 'string' &&
    isDecimalOf(u.position, offset)
  );
}

/**
 * Whether `text` is exactly the decimal of `n` (a non-negative integer): digits only, no
 * sign, blank or leading zero, as the store writes positions. `Number(text) === n` is not
 * enough: it also takes `" "`, `""` or `"0x0"` for 0, and `"1e3"` for 1000.
 */
function isDecimalOf(text: string, n: number): boolean {
  if (text.length === 0 || (text.length > 1 && text.charCodeAt(0) === 48)) return false;
  let v = 0;
  for (let i = 0; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    v = v * 10 + d;
  }
  return v === n;
}

/** One line through the envelope line codec, at its own position, with its content hash. */
export function checkedLine(line: RawLine): Envelope {
  const e = decodedLine(line);
  const problem = hashProblem(e);
  if (problem !== undefined)
    throw new StoreFailure(StoreErrors.tampered(e.position, e.stream, e.revision, problem));
  return e;
}

/**
 * Follows each stream's chain through the envelopes of a read from the log's start, in log
 * order: a stream's first event must be revision 0 with the genesis `prevHash`, each next
 * one the next revision with the previous event's `hash` as its `prevHash`. Throws
 * `StoreFailure(Tampered)` naming the first event that breaks its chain, with the reason
 * the file store's open gives (`revision-gap`, `chain-broken`).
 */
export class ChainFollower {
  #heads = new Map<string, Head>();

  /** Where every stream's chain stands (its heads are updated in place as it follows). */
  get heads(): ReadonlyMap<string, Head> {
    return this.#heads;
  }

  /** Starts from `heads` (taken over, not copied): the chains as they stood before a read's lines. */
  seed(heads: Map<string, Head>): void {
    this.#heads = heads;
  }

  /** Checks `e` against its stream's head and moves the head to it. */
  follow(e: Envelope): void {
    const head = this.#heads.get(e.stream);
    if (head !== undefined && e.revision === head.revision + 1 && e.prevHash === head.hash) {
      head.revision = e.revision;
      head.hash = e.hash;
      return;
    }
    const problem = linkOnlyProblem(head, e.revision, e.prevHash);
    if (problem !== undefined)
      throw new StoreFailure(StoreErrors.tampered(e.position, e.stream, e.revision, problem));
    this.#heads.set(e.stream, { revision: e.revision, hash: e.hash });
  }
}

/**
 * One read of a file log from its start that uses, and extends, the verified-prefix record
 * (see verified-prefix.ts): lines of the re-checked prefix are parsed without the envelope
 * codec or their content hashes ({@link trustedLine}); every other line is checked in full
 * and its times kept, so that a read reaching the end records them. With `bounds`, the
 * prefix's lines whose recorded times fall outside are not handed out at all (nor made
 * strings, nor parsed). With `chains` (a read from the start that leaves no line out), each
 * stream's chain is followed too ({@link ChainFollower}), in the same pass. A `windowed`
 * read (the `WindowedBatchReader` read, whose consumer answers only once the read ended
 * without error) hashes the prefix as it reads it, with bounds or without.
 */
export class TrustedRead {
  #prefix: TrustedPrefix = NO_PREFIX;
  readonly #days: number[] = [];
  readonly #recorded: number[] = [];
  readonly #asAt: number;
  readonly #knownAt: number;

  readonly #chains: ChainFollower | undefined;

  readonly #windowed: boolean;

  constructor(
    bounds: TimeBounds | undefined,
    options: { readonly chains?: boolean; readonly windowed?: boolean } = {},
  ) {
    this.#chains = options.chains === true ? new ChainFollower() : undefined;
    this.#windowed = options.windowed === true;
    this.#asAt = bounds?.asAt === undefined ? Number.POSITIVE_INFINITY : dayNumber(bounds.asAt);
    this.#knownAt =
      bounds?.knownAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(bounds.knownAt);
    this.#filters = bounds?.asAt !== undefined || bounds?.knownAt !== undefined;
  }

  readonly #filters: boolean;

  /** A line as this read hands it out (throws `StoreFailure` for a bad line). */
  readonly map = (line: RawLine): Envelope => {
    if (line.next <= this.#prefix.bytes) {
      const e = trustedLine(line);
      if (this.#followPrefix) this.#chains?.follow(e);
      return e;
    }
    const e = checkedLine(line);
    this.#days.push(dayNumber(e.meta.occurredAt));
    this.#recorded.push(Date.parse(e.meta.recordedAt));
    this.#chains?.follow(e);
    return e;
  };

  /**
   * Whether the prefix's lines are followed (else the record's heads stand for them): true
   * unless the record holds the heads at the prefix's end and this read follows chains.
   */
  #followPrefix = true;

  /**
   * Seeds the chains with the prefix's recorded heads, before the first line after the
   * prefix is handed out. Heads that are not those recorded fail the read (the prefix's
   * lines were handed out unfollowed): the record goes, and the next read follows every
   * chain from the start.
   */
  async #seed(path: string, heads: PrefixHeads): Promise<void> {
    const loaded = await heads.load();
    if (loaded === null) {
      await forgetVerifiedPrefix(path);
      throw new StoreFailure(
        StoreErrors.unavailable(
          `the chain heads recorded beside ${path} are not those its record names: the ` +
            `record was removed; read again`,
        ),
      );
    }
    this.#chains?.seed(loaded);
  }

  /**
   * Which lines of the prefix fall outside the bounds by their recorded times (the `i`th
   * line of the log has the `i`th times): left out before they are made strings.
   */
  async #outside(
    path: string,
    prefix: TrustedPrefix,
    times: PrefixTimes,
  ): Promise<LineSkip | undefined> {
    const asAt = this.#asAt;
    const knownAt = this.#knownAt;
    // Only the times the bounds need are read.
    const days = asAt === Number.POSITIVE_INFINITY ? undefined : await times.days();
    const recorded = knownAt === Number.POSITIVE_INFINITY ? undefined : await times.recorded();
    // Times that are not those recorded: nothing is left out (the consumer's window
    // applies), and the record goes, so that the next full read records them anew.
    if (days === null || recorded === null) {
      await forgetVerifiedPrefix(path);
      return undefined;
    }
    return (i, next) => {
      if (next > prefix.bytes || i >= times.lines) return false;
      return (
        (days !== undefined && (days[i] as number) > asAt) ||
        (recorded !== undefined && (recorded[i] as number) > knownAt)
      );
    };
  }

  /**
   * The scanner's batches (from the log's start), closing the file after; a read that
   * reaches the end having checked at least `recordAfter` bytes in full records them (their
   * SHA-256 taken as they were read).
   *
   * The prefix is compared with its record before the first line is handed out, except in
   * a windowed read (within bounds, or of the whole log for a fold): that one compares each recorded segment's bytes as it reads them
   * (one pass over the file, not two), trusting the segment's lines before its last chunk
   * is compared. Its consumer folds the batches into an answer that it gives only once the
   * read ended without error, so a segment that does not match fails the read (at the
   * latest with the chunk that ends it, and with the error of its first bad line when a
   * full check finds one, else `StoreUnavailable`) and nothing of it is answered; the
   * record is then removed, so the next read checks every line in full.
   */
  async *lines(
    path: string,
    handle: fsp.FileHandle,
    size: number,
    scanner: LineScanner,
    recordAfter: number,
  ): AsyncGenerator<RawLine[], void> {
    try {
      const streamed = this.#windowed;
      const prefix = await (streamed
        ? claimedPrefix(path, size)
        : trustedPrefix(path, handle, size));
      this.#prefix = prefix;
      const hash = new StreamedHash(streamed ? prefix.segments : [], prefix.bytes);
      const skip =
        this.#filters && prefix.bytes > 0
          ? await this.#outside(path, prefix, prefix.times)
          : undefined;
      // Recorded heads stand for the prefix's chains; they are read only if lines follow it.
      const heads = this.#chains === undefined ? undefined : prefix.heads;
      this.#followPrefix = heads === undefined;
      let seeded = false;
      try {
        for await (const batch of scanner.batches(skip, hash.observe, READ_BATCH_LINES)) {
          if (
            heads !== undefined &&
            !seeded &&
            (batch[batch.length - 1]?.next ?? 0) > prefix.bytes
          ) {
            await this.#seed(path, heads);
            seeded = true;
          }
          yield batch;
        }
        hash.requireConfirmed();
      } catch (e) {
        if (e instanceof PrefixMismatch) throw await mismatchFailure(path, handle, e);
        throw e;
      }
      // Reached only when every line was handed out and checked: a failed check, or a
      // consumer stopping early, ends the generator before its end.
      const end = scanner.completeEnd;
      // Every chain was followed through the bytes read when this read followed chains from
      // the start, or from the recorded heads (read once lines followed the prefix).
      const followed =
        this.#chains !== undefined && (this.#followPrefix || seeded)
          ? this.#chains.heads
          : undefined;
      // A prefix recorded without heads gets them once a read has followed its chains.
      const addHeads = followed !== undefined && prefix.heads === undefined && prefix.bytes > 0;
      if (end - prefix.bytes >= recordAfter || (addHeads && end >= prefix.bytes))
        await recordVerifiedPrefix(
          path,
          handle,
          prefix,
          end,
          { days: this.#days, recorded: this.#recorded },
          hash.tailDigest(end),
          followed,
        );
    } finally {
      await handle.close();
    }
  }
}

/**
 * The failure of a read whose claimed prefix did not match in `[start, end)` (the segments
 * before it did): the error a full check gives, that of the segment's first line that fails
 * it; when every line passes (the log was replaced or rewritten since the record, and the
 * read may have left lines out by the record's times), `StoreUnavailable`. The record is
 * removed either way.
 */
async function mismatchFailure(
  path: string,
  handle: fsp.FileHandle,
  mismatch: PrefixMismatch,
): Promise<StoreFailure> {
  await forgetVerifiedPrefix(path);
  const scanner = new LineScanner(handle, mismatch.start, mismatch.end, 1 << 20);
  try {
    for await (const batch of scanner.batches()) for (const line of batch) checkedLine(line);
    // The segment does not end with a whole line (its last newline was changed): that line
    // runs on past the segment's end, and the full check reads it whole.
    if (scanner.completeEnd < mismatch.end)
      for await (const batch of new LineScanner(handle, scanner.completeEnd).batches(
        undefined,
        undefined,
        1,
      )) {
        for (const line of batch) checkedLine(line);
        break;
      }
  } catch (e) {
    if (e instanceof StoreFailure) return e;
  }
  return new StoreFailure(
    StoreErrors.unavailable(
      `${mismatch.message}, though its lines pass a full check (the log was replaced or ` +
        `rewritten since): the record was removed; read again`,
    ),
  );
}
