import type * as fsp from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import {
  hashProblem,
  StoreErrors,
  StoreFailure,
  type Envelope,
  type TimeBounds,
} from '@assure/event-store';
import { decodeLine } from './line-codec';
import type { LineScanner, RawLine } from './lines';
import {
  dayNumber,
  NO_PREFIX,
  prefixTimes,
  recordVerifiedPrefix,
  trustedPrefix,
  type TrustedPrefix,
} from './verified-prefix';

/** One line through the envelope line codec, at its own position (content hash not recomputed). */
export function decodedLine(line: RawLine): Envelope {
  const d = decodeLine(line);
  if (E.isLeft(d)) throw new StoreFailure(d.left);
  return d.right;
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
 * One read of a file log from its start that uses, and extends, the verified-prefix record
 * (see verified-prefix.ts): lines of the re-checked prefix are decoded without recomputing
 * their content hashes; every other line is checked in full and its times kept, so that a
 * read reaching the end records them. With `bounds`, the prefix's lines whose recorded
 * times fall outside are not handed out at all (nor parsed).
 */
export class TrustedRead {
  #prefix: TrustedPrefix = NO_PREFIX;
  readonly #days: number[] = [];
  readonly #recorded: number[] = [];
  readonly #asAt: number;
  readonly #knownAt: number;

  constructor(bounds: TimeBounds | undefined) {
    this.#asAt = bounds?.asAt === undefined ? Number.POSITIVE_INFINITY : dayNumber(bounds.asAt);
    this.#knownAt =
      bounds?.knownAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(bounds.knownAt);
    this.#filters = bounds?.asAt !== undefined || bounds?.knownAt !== undefined;
  }

  readonly #filters: boolean;

  /** A line as this read hands it out (throws `StoreFailure` for a bad line). */
  readonly map = (line: RawLine): Envelope => {
    if (line.next <= this.#prefix.bytes) return decodedLine(line);
    const e = checkedLine(line);
    this.#days.push(dayNumber(e.meta.occurredAt));
    this.#recorded.push(Date.parse(e.meta.recordedAt));
    return e;
  };

  /**
   * The scanner's batches (from the log's start), closing the file after; the prefix is
   * re-checked first, and a read that reaches the end having checked at least
   * `recordAfter` bytes in full records them.
   */
  async *lines(
    path: string,
    handle: fsp.FileHandle,
    size: number,
    scanner: LineScanner,
    recordAfter: number,
  ): AsyncGenerator<RawLine[], void> {
    try {
      const prefix = await trustedPrefix(path, handle, size);
      this.#prefix = prefix;
      const times = this.#filters && prefix.bytes > 0 ? prefixTimes(prefix) : undefined;
      let index = 0;
      for await (const batch of scanner.batches()) {
        if (times === undefined || batch[0] === undefined || batch[0].next > prefix.bytes) {
          index += batch.length;
          yield batch;
          continue;
        }
        const kept: RawLine[] = [];
        for (const line of batch) {
          const i = index++;
          const day = times.days[i];
          const recorded = times.recorded[i];
          if (
            line.next <= prefix.bytes &&
            day !== undefined &&
            recorded !== undefined &&
            (day > this.#asAt || recorded > this.#knownAt)
          )
            continue;
          kept.push(line);
        }
        if (kept.length > 0) yield kept;
      }
      // Reached only when every line was handed out and checked: a failed check, or a
      // consumer stopping early, ends the generator before its end.
      if (scanner.completeEnd - prefix.bytes >= recordAfter)
        await recordVerifiedPrefix(path, handle, prefix, scanner.completeEnd, {
          days: this.#days,
          recorded: this.#recorded,
        });
    } finally {
      await handle.close();
    }
  }
}
