import { GENESIS_HASH } from '@assure/event-store';
import { MerkleFrontier, fromHex } from '../merkle';
import { domainEventDecoder } from './domain';
import { EventIdSet, type EventIdRecall } from './id-set';
import {
  analyseLine,
  analyseValue,
  type EventDecoder,
  type LineOutcome,
  type SealOutcome,
} from './analyse';
import type { FailureReason, TornTail, VerifyFailure, VerifyReport, Witness } from './report';

export type { EventDecoder } from './analyse';

/** Options of every verify function. */
export interface VerifyOptions {
  /** A root kept outside the system: the first `treeSize` events must have this root. */
  readonly witness?: Witness;
  /**
   * How to decode every payload (a failure is `decode-failed`): by default the domain's
   * event codecs ({@link domainEventDecoder}); pass the domain model's `decodeEvent` to
   * accept older schema versions, or `false` to check envelopes only.
   */
  readonly decodeEvent?: EventDecoder | false;
  /** Keep at most this many failures in the report (default 100); checking goes on. */
  readonly maxFailures?: number;
  /**
   * `verifyExport` only: how many worker threads parse, hash and decode lines (the checks
   * that depend on the order of the log stay in the calling thread, so the report is the
   * same). 0 checks in the calling thread. By default, a file of at least 16 MB on a machine
   * with two or more cores uses up to 4 workers; any other input uses none. A custom
   * `decodeEvent` function cannot move to a worker: it always runs in the calling thread.
   */
  readonly threads?: number;
}

interface StreamTip {
  revision: number;
  hash: string;
}

/** a > b for decimal position strings without leading zeros. */
const posAfter = (a: string, b: string): boolean =>
  a.length > b.length || (a.length === b.length && a > b);

/**
 * The streaming core of `verify`: feed it the log in position order, one record at a time
 * (a raw NDJSON line or an already parsed value), then call {@link Verifier.finish}. It holds
 * O(log n) Merkle hashes, one tip per stream and the set of event ids (16 bytes a UUID; 12
 * bytes any other id pushed with where to read it again, given a `recall`; see
 * {@link EventIdSet}), never the events.
 *
 * @example
 * const v = new Verifier({ witness: { treeSize: 120, root } });
 * for (const line of lines) v.pushLine(line);
 * const report = v.finish();
 */
export class Verifier {
  private readonly frontier = new MerkleFrontier();
  private readonly tips = new Map<string, StreamTip>();
  private readonly ids: EventIdSet;
  private readonly failures: VerifyFailure[] = [];
  private readonly validSeals = new Set<number>();
  private readonly max: number;
  /** The payload decoder in use (false: envelopes only). */
  readonly decode: EventDecoder | false;
  private failureCount = 0;
  private events = 0;
  private lastPosition: string | undefined;
  private sealsChecked = 0;
  private lastValidSeal = -1;
  private witnessOk: boolean | undefined;
  private line: number | null = null;
  private torn: TornTail | null = null;

  /**
   * `recall` reads back the event id of a record pushed with `where` (for a file: the byte
   * offset of its line), so that ids are held as fingerprints (see {@link EventIdSet}).
   */
  constructor(
    private readonly options: VerifyOptions = {},
    recall?: EventIdRecall,
  ) {
    this.ids = new EventIdSet(undefined, recall);
    this.max = options.maxFailures ?? 100;
    this.decode = options.decodeEvent ?? domainEventDecoder;
    const w = options.witness;
    if (w !== undefined && w.treeSize === 0) this.checkWitness();
  }

  /** Records a failure found outside any one event (a header, a torn line). */
  fail(
    reason: FailureReason,
    message: string,
    at: {
      position?: string | null;
      stream?: string | null;
      revision?: number | null;
      line?: number | null;
    } = {},
  ): void {
    this.failureCount++;
    if (this.failures.length >= this.max) return;
    this.failures.push({
      position: at.position ?? null,
      stream: at.stream ?? null,
      revision: at.revision ?? null,
      reason,
      line: at.line ?? this.line,
      message,
    });
  }

  /**
   * Records the incomplete last line (see {@link TornTail}): call it after every complete
   * line was pushed. It is no failure by itself (`verifyExport` adds `truncated`).
   */
  tornTail(at: { readonly offset: number; readonly bytes: number; readonly line: number }): void {
    this.torn = { ...at, restVerifies: this.failureCount === 0 };
  }

  /** Verifies one NDJSON line holding one envelope (`where`: see {@link Verifier.pushOutcome}). */
  pushLine(text: string, line: number | null = null, where?: number): void {
    this.pushOutcome(analyseLine(text, this.decode), line, where);
  }

  /** Verifies one envelope given as a parsed value (for example from a store's `readAll`). */
  pushValue(u: unknown, line: number | null = null): void {
    this.pushOutcome(analyseValue(u, this.decode), line);
  }

  /**
   * Applies the order-independent outcome of one record ({@link analyseLine}, computed here
   * or in a worker thread) and runs the checks that depend on the order of the log. `where`
   * tells the verifier's `recall` where to read the record's event id again.
   */
  pushOutcome(o: LineOutcome, line: number | null = null, where?: number): void {
    this.line = line;
    this.events++;
    switch (o.kind) {
      case 'not-json':
        this.fail('decode-failed', o.message);
        return;
      case 'not-envelope': {
        const { position, stream, revision } = o;
        this.fail('decode-failed', o.message, { position, stream, revision });
        if (position !== null) this.lastPosition = position;
        // Keep the tree aligned with the log when the stored hash is still readable.
        if (o.leaf !== null) {
          this.frontier.pushBinary(o.leaf);
          this.checkWitness();
        }
        return;
      }
      case 'envelope':
        this.checkEnvelope(o, where);
        return;
      default: {
        const never: never = o;
        throw new Error(`unexpected outcome ${String(never)}`);
      }
    }
  }

  private checkEnvelope(e: Extract<LineOutcome, { kind: 'envelope' }>, where?: number): void {
    const at = { position: e.position, stream: e.stream, revision: e.revision };
    const before = this.lastPosition;
    if (before !== undefined && !posAfter(e.position, before))
      this.fail('position-order', `position ${e.position} does not follow ${before}`, at);
    this.lastPosition = e.position;
    if (!this.ids.add(e.eventId, where))
      this.fail('duplicate-event-id', `event id ${e.eventId} appears twice`, at);
    if (e.computed !== null)
      this.fail('hash-mismatch', `stored hash ${e.hash}, computed ${e.computed}`, at);
    const tip = this.tips.get(e.stream);
    const expectedPrev = tip === undefined ? GENESIS_HASH : tip.hash;
    const expectedRevision = tip === undefined ? 0 : tip.revision + 1;
    if (e.prevHash !== expectedPrev)
      this.fail(
        'chain-broken',
        `prevHash ${e.prevHash} is not the hash of ${tip === undefined ? 'nothing (a first event)' : `revision ${tip.revision}`}`,
        at,
      );
    if (e.revision !== expectedRevision)
      this.fail(
        'revision-gap',
        `revision ${e.revision} where ${expectedRevision} was expected`,
        at,
      );
    if (tip === undefined) this.tips.set(e.stream, { revision: e.revision, hash: e.hash });
    else {
      tip.revision = e.revision;
      tip.hash = e.hash;
    }
    if (e.decodeError !== null) this.fail('decode-failed', e.decodeError, at);
    if (e.seal !== null) this.checkSeal(e.seal, at);
    this.frontier.pushBinary(e.leaf);
    this.checkWitness();
  }

  private checkSeal(
    d: SealOutcome,
    at: { position: string; stream: string; revision: number },
  ): void {
    this.sealsChecked++;
    if (!d.ok) {
      this.fail('seal-mismatch', d.message, at);
      return;
    }
    const seal = d;
    const size = this.frontier.size;
    const problems: string[] = [];
    if (seal.treeSize !== size)
      problems.push(`treeSize ${seal.treeSize}, but ${size} events precede it`);
    const root = this.frontier.rootHex();
    if (seal.root !== root) problems.push(`root ${seal.root}, recomputed ${root}`);
    // `lastPosition` locates the prefix in the store that sealed it; positions are the
    // store's own (an import renumbers them), so it is not part of the check: treeSize and
    // root fix the prefix completely.
    if (problems.length > 0) this.fail('seal-mismatch', problems.join('; '), at);
    else {
      this.validSeals.add(size);
      this.lastValidSeal = size;
    }
  }

  private checkWitness(): void {
    const w = this.options.witness;
    if (w === undefined || this.witnessOk !== undefined || this.frontier.size !== w.treeSize)
      return;
    const root = this.frontier.root();
    const want = fromHex(w.root);
    this.witnessOk = want !== undefined && root.equals(want);
    if (!this.witnessOk)
      this.fail(
        'root-mismatch',
        `the first ${w.treeSize} events have root ${root.toString('hex')}, the witness holds ${w.root}`,
        { position: this.lastPosition ?? null },
      );
  }

  /** Ends the input and returns the report. */
  finish(): VerifyReport {
    const w = this.options.witness;
    if (w !== undefined && this.witnessOk === undefined) {
      this.witnessOk = false;
      this.fail(
        'root-mismatch',
        `the witness holds a tree of ${w.treeSize} events, the log has only ${this.frontier.size}`,
        { position: this.lastPosition ?? null, line: null },
      );
    }
    const treeSize = this.frontier.size;
    const covered =
      this.witnessOk === true && w !== undefined
        ? w.treeSize
        : this.lastValidSeal >= 0
          ? this.lastValidSeal
          : 0;
    const closingSeal = this.validSeals.has(covered) && covered < treeSize ? 1 : 0;
    return {
      ok: this.failureCount === 0,
      events: this.events,
      streams: this.tips.size,
      treeSize,
      root: this.frontier.root().toString('hex'),
      sealsChecked: this.sealsChecked,
      witnessed: this.witnessOk === true,
      unsealedTail: Math.max(0, treeSize - covered - closingSeal),
      failures: [...this.failures],
      tornTail: this.torn,
    };
  }
}
