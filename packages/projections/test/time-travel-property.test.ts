import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { decodeEvent, defaultRagPolicy } from '@assure/domain';
import { createMemoryStore, type EventStore, type ProposedEvent } from '@assure/event-store';
import { memorySnapshotStore, readModels, type SnapshotStore } from '@assure/projections';
import { openFileStore, openLogReader } from '@assure/store-file';

// Any as-at / known-at answer equals a full replay of exactly the events valid on or
// before the day and recorded at or before the instant, whatever path gives it: the file
// log read from zero (every line checked), through its verified prefix (lines outside the
// window left unparsed), with a tail appended after the record, and through a snapshot.

const DAY0 = Date.UTC(2015, 0, 1);
const dayOf = (n: number): string => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);
const clock = () => new Date('2020-01-01T00:00:00.000Z');

interface Op {
  readonly risk: number;
  readonly kind: 'rescore' | 'close' | 'reopen';
  /** Valid day, days after DAY0: random, so valid times go back and forth along the log. */
  readonly day: number;
  /** Transaction time step, in hours after the previous event (never backwards). */
  readonly hours: number;
}

const op: fc.Arbitrary<Op> = fc.record({
  risk: fc.integer({ min: 0, max: 3 }),
  kind: fc.constantFrom('rescore', 'close', 'reopen'),
  day: fc.integer({ min: 0, max: 40 }),
  hours: fc.integer({ min: 0, max: 30 }),
});

/** The history as proposed events by stream, each with explicit valid and transaction times. */
function history(ops: readonly Op[]): { stream: string; event: ProposedEvent }[] {
  let recorded = Date.UTC(2015, 0, 1);
  let n = 0;
  const at = (type: string, data: Record<string, unknown>, day: number, hours: number) => {
    recorded += hours * 3_600_000;
    n++;
    return {
      eventId: `evt-${n}`,
      type,
      schemaVersion: 1,
      data,
      meta: {
        actor: 'officer-prop',
        role: 'officer',
        occurredAt: `${dayOf(day)}T00:00:00.000Z`,
        recordedAt: new Date(recorded).toISOString(),
      },
    };
  };
  const out = [
    {
      stream: 'programme-prop',
      event: at(
        'ProgrammeEstablished',
        { programmeId: 'prop', title: 'P', body: 'B', phase: 'Ph' },
        0,
        0,
      ),
    },
    {
      stream: 'programme-prop',
      event: at('PriorityAreaDefined', { programmeId: 'prop', areaId: 'area-a', title: 'A' }, 0, 0),
    },
  ];
  const identified = new Set<number>();
  for (const o of ops) {
    const riskId = `risk-${o.risk}`;
    const stream = `risk-${riskId}`;
    if (!identified.has(o.risk)) {
      identified.add(o.risk);
      const data = {
        riskId,
        programmeId: 'prop',
        areaId: 'area-a',
        title: `Risk ${o.risk}`,
        category: 'Prop',
        owner: 'officer-prop',
        inherent: { likelihood: 4, impact: 4 },
        target: { likelihood: 2, impact: 2 },
        nextReviewOn: dayOf(o.day + 20),
      };
      out.push({ stream, event: at('RiskIdentified', data, o.day, o.hours) });
      continue;
    }
    const score = { likelihood: 1 + (o.day % 5), impact: 1 + (o.hours % 5) };
    const data =
      o.kind === 'rescore'
        ? {
            riskId,
            ...score,
            rationale: 'r',
            previous: { likelihood: 4, impact: 4 },
            current: score,
          }
        : { riskId, reason: o.kind };
    const type =
      o.kind === 'rescore' ? 'RiskRescored' : o.kind === 'close' ? 'RiskClosed' : 'RiskReopened';
    out.push({ stream, event: at(type, data, o.day, o.hours) });
  }
  return out;
}

async function appendAll(
  store: EventStore,
  events: readonly { stream: string; event: ProposedEvent }[],
): Promise<void> {
  for (const { stream, event } of events) {
    const r = await store.append(stream, [event], 'any')();
    if (E.isLeft(r)) throw new Error(r.left.message);
  }
}

/** status, tracker and risks as at `asAt` (and known at `knownAt`) from a store. */
async function answer(
  store: EventStore,
  asAt: string,
  knownAt: string | undefined,
  snapshots: SnapshotStore | null = null,
): Promise<string> {
  const r = await readModels(store, {
    decode: decodeEvent,
    clock,
    asAt,
    snapshots,
    ...(knownAt === undefined ? {} : { knownAt }),
  })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  const m = r.right.models;
  return JSON.stringify([
    m.status(defaultRagPolicy),
    m.tracker({ policy: defaultRagPolicy }),
    m.risks(),
  ]);
}

describe('time travel: every path answers as a full replay of the window', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'assure-tt-prop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let run = 0;

  it('file log (checked, verified prefix, prefix + tail) and snapshot agree with the replay', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 45 }),
        fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
        fc.integer({ min: 0, max: 30 }),
        async (ops, asAtDay, knownHours, split) => {
          const events = history(ops);
          const asAt = dayOf(asAtDay);
          const knownAt =
            knownHours === undefined
              ? undefined
              : new Date(Date.UTC(2015, 0, 1) + knownHours * 3_600_000).toISOString();
          // The replay: exactly the events inside the window, folded from zero (the window
          // then leaves nothing out; given, so the documents name the same point of view).
          const replay = async (of: typeof events) => {
            const reference = createMemoryStore({ clock });
            await appendAll(
              reference,
              of.filter(
                ({ event: e }) =>
                  e.meta.occurredAt.slice(0, 10) <= asAt &&
                  (knownAt === undefined || (e.meta.recordedAt as string) <= knownAt),
              ),
            );
            return answer(reference, asAt, knownAt);
          };
          const cut = Math.min(split, events.length);
          const before = await replay(events.slice(0, cut));
          const expected = await replay(events);

          const file = path.join(dir, `events-${run++}.ndjson`);
          const writer = await openFileStore(file, { fsync: () => Promise.resolve(), clock })();
          if (E.isLeft(writer)) throw new Error(writer.left.message);
          await appendAll(writer.right, events.slice(0, cut));
          const reader = openLogReader(file, { recordAfterBytes: 0 });
          // Every line checked (and the prefix recorded), then through the record.
          expect(await answer(reader, asAt, knownAt)).toBe(before);
          expect(await answer(reader, asAt, knownAt)).toBe(before);
          // A tail appended after the record: read through the prefix, the tail checked.
          await appendAll(writer.right, events.slice(cut));
          await writer.right.close();
          expect(await answer(reader, asAt, knownAt)).toBe(expected);
          expect(await answer(reader, asAt, knownAt)).toBe(expected);
          expect(await answer(openLogReader(file, { verifiedPrefix: false }), asAt, knownAt)).toBe(
            expected,
          );
          // Through a snapshot of the full fold, taken first.
          const snapshots = memorySnapshotStore();
          await answer(reader, '9999-12-31', undefined, snapshots);
          expect(await answer(reader, asAt, knownAt, snapshots)).toBe(expected);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
