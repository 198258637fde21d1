import { createHash, type Hash } from 'node:crypto';

/** A recorded segment of the verified prefix: its end offset and the SHA-256 of its bytes. */
export interface HashedSegment {
  readonly end: number;
  readonly sha256: string;
}

/**
 * A segment of a claimed verified prefix whose bytes, read in this pass, do not have the
 * recorded SHA-256 (or that the read ended before): the lines of `[start, end)` are not
 * those that passed.
 */
export class PrefixMismatch extends Error {
  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    super(`the bytes [${start}, ${end}) of the log differ from its verified-prefix record`);
  }
}

/**
 * SHA-256 of the bytes a scan from the log's start reads, in that same pass (see
 * `LineScanner.batches`' `observe`): the segments of a claimed verified prefix, each compared
 * with its record as soon as its last byte is read (a mismatch throws {@link PrefixMismatch}
 * before any line of the chunk that completes it is handed out), then the bytes after the
 * prefix, which a read that records them hashes without reading them again.
 */
export class StreamedHash {
  #segment = 0;
  #segmentStart = 0;
  #hash: Hash = createHash('sha256');
  /** Offset of the next byte expected: everything before it was hashed. */
  #at = 0;
  #tail: Hash;
  /** False once a chunk did not follow the last (nothing after it is hashed). */
  #contiguous = true;

  /**
   * @param segments the claimed prefix's segments, still to be compared (empty: the prefix
   *   was compared before the read, or there is none)
   * @param tailFrom where the bytes hashed for a new segment start (the prefix's end)
   */
  constructor(
    private readonly segments: readonly HashedSegment[],
    private readonly tailFrom: number,
  ) {
    this.#tail = createHash('sha256');
  }

  /** Every segment read and matching its record. */
  get confirmed(): boolean {
    return this.#segment >= this.segments.length;
  }

  /** Hashes a chunk read at `at` (chunks arrive in file order, from offset 0). */
  readonly observe = (bytes: Buffer, at: number): void => {
    if (!this.#contiguous || at !== this.#at) {
      this.#contiguous = false;
      if (!this.confirmed) this.#fail();
      return;
    }
    let from = 0;
    while (from < bytes.length) {
      const segment = this.segments[this.#segment];
      const pos = this.#at;
      if (segment === undefined) {
        const skip = Math.max(0, Math.min(bytes.length - from, this.tailFrom - pos));
        if (from + skip < bytes.length) this.#tail.update(bytes.subarray(from + skip));
        this.#at = pos + (bytes.length - from);
        return;
      }
      const n = Math.min(bytes.length - from, segment.end - pos);
      this.#hash.update(bytes.subarray(from, from + n));
      from += n;
      this.#at = pos + n;
      if (this.#at === segment.end) {
        if (this.#hash.digest('hex') !== segment.sha256) this.#fail();
        this.#segment++;
        this.#segmentStart = segment.end;
        this.#hash = createHash('sha256');
      }
    }
  };

  /** Throws {@link PrefixMismatch} unless every segment was read and matched. */
  requireConfirmed(): void {
    if (!this.confirmed) this.#fail();
  }

  /**
   * The SHA-256 (hex) of the bytes `[tailFrom, end)`, when this pass hashed exactly those;
   * else undefined (the bytes after `end` were read too, a torn last line: hash them again).
   */
  tailDigest(end: number): string | undefined {
    return this.#contiguous && this.confirmed && this.#at === end && end >= this.tailFrom
      ? this.#tail.digest('hex')
      : undefined;
  }

  #fail(): never {
    const segment = this.segments[this.#segment];
    throw new PrefixMismatch(this.#segmentStart, segment?.end ?? this.#at);
  }
}
