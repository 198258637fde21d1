import { comparePositions } from '@assure/projections';

/** A document ready to send: its entity tag and its JSON body, serialized once. */
export interface ServedDocument {
  readonly etag: string;
  readonly body: Buffer;
}

/**
 * Documents serialized once per log position and point of view, so a read of a document
 * already built is a map lookup and a write of ready bytes: no fold, no `JSON.stringify`, no
 * UTF-8 encoding per request. Keys name the route, the position and every parameter (the
 * ETag does), so an entry never goes stale; when a read sees a later position, the entries
 * of the earlier one are dropped (nobody asks for them again: reads follow the log's head),
 * and at most `max` are kept, the least recently used dropped first.
 */
export class DocumentCache {
  readonly #max: number;
  readonly #entries = new Map<string, ServedDocument>();
  /** The position the entries reflect (undefined before the first). */
  #position: string | null | undefined = undefined;
  /** The key last moved to the end of `#entries` (the most recently used), if still there. */
  #recent: string | undefined = undefined;

  constructor(max: number) {
    this.#max = max;
  }

  /** The document kept under `key` (a route and its ETag), if any. */
  peek(key: string): ServedDocument | undefined {
    const hit = this.#entries.get(key);
    if (hit === undefined || key === this.#recent) return hit;
    // Most recently used last: a Map iterates in insertion order (reads of one document in a
    // row move it once).
    this.#entries.delete(key);
    this.#entries.set(key, hit);
    this.#recent = key;
    return hit;
  }

  /**
   * Serializes `value`, the document `key` at `position`, and keeps it unless `keep` is
   * false or `position` is earlier than the entries' (then it is only returned).
   */
  put(
    position: string | null,
    key: string,
    etag: string,
    value: unknown,
    keep: boolean,
  ): ServedDocument {
    const doc: ServedDocument = { etag, body: Buffer.from(JSON.stringify(value), 'utf8') };
    if (!keep || !this.#advance(position)) return doc;
    this.#entries.delete(key);
    this.#entries.set(key, doc);
    this.#recent = key;
    if (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    return doc;
  }

  /** How many documents are kept. */
  get size(): number {
    return this.#entries.size;
  }

  /** True when entries of `position` may be kept (dropping those of an earlier one). */
  #advance(position: string | null): boolean {
    if (this.#position === position) return true;
    const later =
      this.#position === undefined ||
      this.#position === null ||
      (position !== null && comparePositions(position, this.#position) > 0);
    if (!later) return false;
    this.#entries.clear();
    this.#recent = undefined;
    this.#position = position;
    return true;
  }
}
