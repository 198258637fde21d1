/**
 * The server side of `http.bench.ts`, in its own process so the load generator does not share
 * its event loop: `assure serve`'s app over a file store and, in the same process, a bare
 * Fastify app (the anchor) with a GET and a POST returning a small constant and a GET
 * returning the bytes of the status document as a constant. Prints one JSON line with the
 * addresses, then serves until SIGTERM.
 *
 * Arguments: the store file, the keys file, and a key's secret (to fetch the status bytes).
 */
import * as E from 'fp-ts/Either';
import Fastify from 'fastify';
import type { EventStore } from '@assure/event-store';
import { readModels } from '@assure/projections';
import { createServer, type AssureServer } from '@assure/server';
import { openFileStore } from '@assure/store-file';

/** Past days to read: this many, evenly spaced between the first and the last valid day. */
const PAST_DAYS = 7;

/** The first and the last day of the log's valid times. */
async function validDays(store: EventStore): Promise<{ first: string; last: string }> {
  let first = '9999-12-31';
  let last = '0000-01-01';
  for await (const e of store.readAll()) {
    const day = e.meta.occurredAt.slice(0, 10);
    if (day < first) first = day;
    if (day > last) last = day;
  }
  return { first, last };
}

const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;

/**
 * GET /v1/status as at past days, each day once (so no cached document answers), through
 * the app (in process: the cost of building the document, not of the network), beside a
 * replay of the same day from the log (`readModels` without a snapshot, which the server did
 * before it kept an event journal), taking turns: the median milliseconds of each.
 */
async function pastDays(
  server: AssureServer,
  store: EventStore,
  secret: string,
): Promise<{ journalMs: number; replayMs: number; days: number }> {
  const { first, last } = await validDays(store);
  const from = Date.parse(first);
  const span = Date.parse(last) - from;
  const journal: number[] = [];
  const replay: number[] = [];
  for (let i = 1; i <= PAST_DAYS; i++) {
    const day = new Date(from + (span * i) / (PAST_DAYS + 1)).toISOString().slice(0, 10);
    let t = process.hrtime.bigint();
    const r = await server.app.inject({
      url: `/v1/status?asAt=${day}`,
      headers: { authorization: `Bearer ${secret}` },
    });
    if (r.statusCode !== 200) throw new Error(`GET /v1/status?asAt=${day}: ${r.statusCode}`);
    journal.push(Number(process.hrtime.bigint() - t) / 1e6);
    t = process.hrtime.bigint();
    const m = await readModels(store, { asAt: day })();
    if (E.isLeft(m)) throw new Error(m.left._tag);
    m.right.models.status();
    replay.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { journalMs: median(journal), replayMs: median(replay), days: PAST_DAYS };
}

async function main(): Promise<void> {
  const [file, keys, secret] = process.argv.slice(2);
  if (file === undefined || keys === undefined || secret === undefined)
    throw new Error('usage: served.ts STORE KEYS SECRET');
  const opened = await openFileStore(file, { logger: { warn: () => undefined } })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  const store = opened.right;
  const t0 = process.hrtime.bigint();
  const built = await createServer({ store, keysFile: keys, logger: false, rateLimit: 1e9 });
  if (E.isLeft(built)) throw new Error(built.left.message);
  const readyMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const server = built.right;
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });

  const status = await server.app.inject({
    url: '/v1/status',
    headers: { authorization: `Bearer ${secret}` },
  });
  if (status.statusCode !== 200) throw new Error(`GET /v1/status: ${status.statusCode}`);
  const doc = status.rawPayload;
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => ({ ok: true }));
  bare.post('/bare', async () => ({ ok: true }));
  bare.get('/bare-doc', async (_request, reply) =>
    reply.header('content-type', 'application/json; charset=utf-8').send(doc),
  );
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
  const past = await pastDays(server, store, secret);

  process.once('SIGTERM', () => {
    void (async () => {
      await server.close();
      await bare.close();
      await store.close();
      process.exit(0);
    })();
  });
  process.stdout.write(
    `${JSON.stringify({ url, bareUrl, readyMs, statusBytes: doc.length, past })}\n`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
