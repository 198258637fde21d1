import * as E from 'fp-ts/Either';
import { ChainTracker, type AppendResult, type StoreError } from '@assure/event-store';
import { collect, proposedEvent } from '@assure/testing';
import { openStore } from '@assure/store-postgres/testing';
import { runFixture } from './support/spawn';
import { eventually } from './support/wait';
import { useFreshDatabase } from './support/database';

// Appends from two OS processes interleaved on shared streams: each process's idea of a
// stream's revision goes stale when the other appends, and every append must still be
// applied or refused exactly as the log stood under the append lock, in one gapless order
// with intact chains. (These also guard any writer-side cache of the log's tail or the
// streams' heads: a stale one must never place an event wrongly.)

const db = useFreshDatabase(__filename);

/** The second writer, driven one append at a time. */
function secondWriter(url: string) {
  let out = '';
  const child = runFixture('second-writer.ts', [url, 'b', 'steps'], {
    onStdout: (all) => (out = all),
  });
  let asked = 0;
  return {
    /** Appends one event to `stream`; the fixture's answer, e.g. `ok b-1 s 0 3 1`. */
    async append(stream: string, expected: string): Promise<string> {
      asked++;
      child.send(`${stream} ${expected}\n`);
      const lines = (): string[] => out.split('\n').filter((l) => l !== '');
      await eventually(`the second writer's answer ${asked}`, () => lines().length >= asked);
      return lines()[asked - 1] ?? '';
    },
    async end() {
      child.endInput();
      return child.done;
    },
  };
}

const outcome = (r: E.Either<StoreError, AppendResult>): string =>
  E.isLeft(r) ? r.left._tag : `${r.right.position}@${r.right.nextRevision}`;

it('appends interleaved with another process: each applied or refused as the log stood, one order, chains intact', async () => {
  const url = db().schemaUrl('interleaved');
  const a = await openStore(url);
  const b = secondWriter(url);
  const one = () => [proposedEvent()];
  try {
    // This process writes alone.
    expect(outcome(await a.append('s1', one(), 'no-stream')())).toBe('0@0');
    expect(outcome(await a.append('s1', one(), { revision: 0 })())).toBe('1@1');
    expect(outcome(await a.append('s1', one(), { revision: 1 })())).toBe('2@2');
    // The other process appends to s1 and to a new stream s2.
    expect(await b.append('s1', '2')).toBe('ok b-1 s1 2 3 3');
    expect(await b.append('s2', 'no-stream')).toBe('ok b-2 s2 no-stream 4 0');
    // This store last saw s1 at revision 2: that expectation is stale now, and refused.
    expect(outcome(await a.append('s1', one(), { revision: 2 })())).toBe('WrongExpectedRevision');
    // A new stream goes after the other process's events, not over them.
    expect(outcome(await a.append('s3', one(), 'no-stream')())).toBe('5@0');
    expect(outcome(await a.append('s1', one(), { revision: 3 })())).toBe('6@4');
    // s2 exists, though this store never saw it: no-stream is refused.
    expect(outcome(await a.append('s2', one(), 'no-stream')())).toBe('WrongExpectedRevision');
    expect(outcome(await a.append('s3', one(), { revision: 0 })())).toBe('7@1');
    // And the other way round: the second process's view is stale in turn.
    expect(await b.append('s3', '0')).toBe('refused b-3 s3 0 WrongExpectedRevision');
    expect(await b.append('s1', '4')).toBe('ok b-4 s1 4 8 5');
    expect(outcome(await a.append('s1', one(), 'any')())).toBe('9@6');
    const run = await b.end();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const log = await collect(a.readAll());
    expect(log.map((e) => `${e.position} ${e.stream}@${e.revision}`)).toEqual([
      '0 s1@0',
      '1 s1@1',
      '2 s1@2',
      '3 s1@3',
      '4 s2@0',
      '5 s3@0',
      '6 s1@4',
      '7 s3@1',
      '8 s1@5',
      '9 s1@6',
    ]);
    const chains = new ChainTracker();
    for (const e of log) expect(chains.check(e)).toBeUndefined();
  } finally {
    await b.end();
    await a.close();
  }
});

it('three processes appending at once on shared streams: every acknowledged append is in the log where it was told, every refused one is not', async () => {
  const url = db().schemaUrl('concurrent');
  const COUNT = 60;
  const STREAMS = 3;
  const setup = await openStore(url);
  await setup.close(); // migrated; the writers open it themselves
  const runs = await Promise.all(
    ['p', 'q', 'r'].map(
      (name) =>
        runFixture('second-writer.ts', [url, name, 'loop', String(COUNT), String(STREAMS)]).done,
    ),
  );
  for (const run of runs) {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  }
  const lines = runs.flatMap((r) => r.stdout.split('\n').filter((l) => l !== ''));
  expect(lines).toHaveLength(3 * COUNT);
  const store = await openStore(url);
  try {
    const log = await collect(store.readAll());
    expect(log.map((e) => e.position)).toEqual(log.map((_, i) => String(i)));
    const chains = new ChainTracker();
    for (const e of log) expect(chains.check(e)).toBeUndefined();
    const byId = new Map(log.map((e) => [e.eventId, e]));
    let acknowledged = 0;
    for (const line of lines) {
      const [status, eventId = '', stream, expected, ...rest] = line.split(' ');
      const e = byId.get(eventId);
      if (status === 'refused') {
        // Only a stale expectation is refused, and a refused append wrote nothing.
        expect([line, e]).toEqual([line, undefined]);
        expect(rest).toEqual(['WrongExpectedRevision']);
        expect(expected).not.toBe('any');
        continue;
      }
      acknowledged++;
      const [position, revision] = rest;
      expect([line, e?.stream, e?.position, String(e?.revision)]).toEqual([
        line,
        stream,
        position,
        revision,
      ]);
      // An expected revision was the stream's head just before the event.
      if (expected === 'no-stream') expect(e?.revision).toBe(0);
      else if (expected !== 'any') expect(e?.revision).toBe(Number(expected) + 1);
    }
    expect(log).toHaveLength(acknowledged);
  } finally {
    await store.close();
  }
});
