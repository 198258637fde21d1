import * as E from 'fp-ts/Either';
import { ChainTracker, createCommandHandler, type Envelope } from '@assure/event-store';
import { collect, counterModel } from '@assure/testing';
import { openStore } from '@assure/store-postgres/testing';
import { runFixture } from './support/spawn';
import { useFreshDatabase } from './support/database';

// N writer processes, each issuing M commands through the command handler on S shared
// counters, against one PostgreSQL store; a subscription and a polling reader in this process.

const PROCESSES = 4;
const COMMANDS = 40;
const STREAMS = 3;

const db = useFreshDatabase(__filename);

interface Line {
  readonly status: string;
  readonly commandId: string;
  readonly rest: readonly string[];
}

const linesOf = (stdout: string): Line[] =>
  stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const [status = '', commandId = '', ...rest] = l.split(' ');
      return { status, commandId, rest };
    });

it('N processes x M commands on shared streams: nothing lost, nothing duplicated, one order', async () => {
  const url = db().schemaUrl('writers');
  const store = await openStore(url, { pollIntervalMs: 100 });
  try {
    const setup = createCommandHandler({ store, model: counterModel });
    for (let s = 0; s < STREAMS; s++) {
      const r = await setup.handle(
        { type: 'OpenCounter', data: { counterId: `race-${s}`, limit: 1_000_000 } },
        { actor: 'admin-bcc', role: 'admin', occurredAt: '2019-04-01', commandId: `open-${s}` },
      )();
      expect(E.isRight(r)).toBe(true);
    }
    const sharedCount = Math.ceil(COMMANDS / 5);
    const expectedEvents = STREAMS + PROCESSES * (COMMANDS - sharedCount) + sharedCount;
    const seen: Envelope[] = [];
    const stop = new AbortController();
    const following = (async () => {
      for await (const e of store.subscribe({ signal: stop.signal })) {
        seen.push(e);
        if (seen.length === expectedEvents) break;
      }
    })();
    const reads: string[][] = [];
    let reading = true;
    const polling = (async () => {
      while (reading) reads.push((await collect(store.readAll())).map((e) => e.position));
    })();

    const runs = await Promise.all(
      Array.from(
        { length: PROCESSES },
        (_, i) =>
          runFixture('handler-writer.ts', [url, String(i), String(COMMANDS), String(STREAMS)]).done,
      ),
    );
    reading = false;
    await polling;
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
    const lines = runs.flatMap((r) => linesOf(r.stdout));
    expect(lines).toHaveLength(PROCESSES * COMMANDS);
    expect(lines.filter((l) => l.status !== 'ok')).toEqual([]);

    const log = await collect(store.readAll());
    expect(log).toHaveLength(expectedEvents);
    // One order: positions 0..n-1, every chain intact.
    expect(log.map((e) => e.position)).toEqual(log.map((_, i) => String(i)));
    const chains = new ChainTracker();
    for (const e of log) expect(chains.check(e)).toBeUndefined();
    // Nothing duplicated: one event per commandId; a shared command answered every process
    // with the same event.
    const byCommand = new Map<string, Envelope[]>();
    for (const e of log) {
      const id = e.meta.commandId ?? '';
      byCommand.set(id, [...(byCommand.get(id) ?? []), e]);
    }
    for (const [id, events] of byCommand) expect([id, events.length]).toEqual([id, 1]);
    for (const l of lines) expect(l.rest).toEqual([byCommand.get(l.commandId)?.[0]?.position]);
    // Nothing lost: each counter's totals grow by each increment along its stream.
    for (let s = 0; s < STREAMS; s++) {
      let total = 0;
      for await (const e of store.readStream(`counter-race-${s}`)) {
        const decoded = counterModel.decodeEvent(e.type, e.schemaVersion, e.data);
        if (E.isLeft(decoded)) throw new Error(`undecodable ${e.type} at ${e.position}`);
        const event = decoded.right;
        if (event.type !== 'Incremented') continue;
        total += event.data.by;
        expect(event.data.total).toBe(total);
      }
    }
    // Readers only ever saw prefixes; the subscription saw the log once, in order.
    const final = log.map((e) => e.position);
    for (const r of reads) expect(final.slice(0, r.length)).toEqual(r);
    await following;
    stop.abort();
    expect(seen).toEqual(log);
  } finally {
    await store.close();
  }
});
