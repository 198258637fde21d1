/**
 * `assure serve` under load: requests/s and p99 latency of `GET /v1/status` (read from the
 * followed read model) and `POST /v1/commands` (a RescoreRisk each, a fresh commandId, one
 * append to the file store), on the Birmingham store and on a generated log of 100k events,
 * each printed beside a bare Fastify route in the same run: one returning a small constant
 * (the anchor; goal: status reads at 50% or more of its rate) and, for the status,
 * one returning the status document's bytes as a constant (the cost of sending that many
 * bytes, which no cache can remove). The servers run in their own process (`served.ts`),
 * the route and its anchors in the same one, so the load generator does not share their
 * event loop; the rounds alternate route and anchors. Before the load, `GET /v1/status` as at
 * past days (each day once, so no cached document answers: the followed model's event journal
 * does) is timed beside a replay of the same day from the log, in the server's process.
 *
 * Sizes: SERVER_BENCH_EVENTS (default 100000), SERVER_BENCH_SECONDS per measurement
 * (default 5), SERVER_BENCH_CONNECTIONS (default 10); each figure is the median of 3 rounds
 * after a warm-up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';
import * as readline from 'node:readline';
import * as E from 'fp-ts/Either';
import { domainModel } from '@assure/domain';
import { createCommandHandler, type EventStore } from '@assure/event-store';
import { addKey } from '@assure/server';
import { openFileStore } from '@assure/store-file';
import { writeRiskHistory } from '../../../scripts/bench-history';
import { reportRows, type BenchRow, type Spread } from '../../../scripts/bench-rows';

const EVENTS = Number(process.env['SERVER_BENCH_EVENTS'] ?? 100_000);
const SECONDS = Number(process.env['SERVER_BENCH_SECONDS'] ?? 5);
const CONNECTIONS = Number(process.env['SERVER_BENCH_CONNECTIONS'] ?? 10);
const BIRMINGHAM = path.resolve(__dirname, '../../../examples/birmingham/commands.ndjson');

async function open(file: string): Promise<EventStore> {
  const r = await openFileStore(file, { logger: { warn: () => undefined } })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}

/** The Birmingham example, loaded through the command handler as a system loader. */
async function birmingham(file: string): Promise<string> {
  const store = await open(file);
  const handler = createCommandHandler({
    store,
    model: domainModel,
    backfillBy: { actor: 'bench', role: 'system' },
  });
  for (const line of readFileSync(BIRMINGHAM, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const c = JSON.parse(line) as { type: string; data: unknown; meta: never };
    if (c.type === 'SealLedger') continue;
    const r = await handler.handleUnknown({ type: c.type, data: c.data }, c.meta)();
    if (E.isLeft(r)) throw new Error(`${c.type}: ${r.left._tag}`);
  }
  await store.close();
  return 'equal-pay';
}

/** A programme with 10 areas and risks rescored until the log holds `EVENTS` events. */
async function generated(file: string): Promise<string> {
  const store = await open(file);
  await writeRiskHistory(
    async (stream, events) => {
      const r = await store.append(stream, events, 'any')();
      if (E.isLeft(r)) throw new Error(r.left.message);
    },
    { events: EVENTS },
  );
  await store.close();
  return 'risk-0';
}

interface Load {
  readonly rps: number;
  readonly p99: number;
  readonly errors: number;
}

const ROUNDS = 3;

async function load(options: autocannon.Options, seconds = SECONDS): Promise<Load> {
  const r = await autocannon({ connections: CONNECTIONS, duration: seconds, ...options });
  const bad = r.non2xx + r.errors + r.timeouts;
  return { rps: r.requests.average, p99: r.latency.p99, errors: bad };
}

const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;

const pick = (ls: readonly Load[]): Load => ({
  rps: median(ls.map((l) => l.rps)),
  p99: median(ls.map((l) => l.p99)),
  errors: ls.reduce((n, l) => n + l.errors, 0),
});

/**
 * The median of `ROUNDS` rounds of the route then each anchor (after one warm-up each), and
 * the spread of the route's rate.
 */
async function paired(
  route: autocannon.Options,
  anchors: readonly autocannon.Options[],
): Promise<{ route: Load; anchors: Load[]; spread: Spread }> {
  for (const o of [route, ...anchors]) await load(o, Math.max(1, SECONDS / 2));
  const routes: Load[] = [];
  const byAnchor: Load[][] = anchors.map(() => []);
  for (let i = 0; i < ROUNDS; i++) {
    routes.push(await load(route));
    for (const [j, a] of anchors.entries()) byAnchor[j]?.push(await load(a));
  }
  const rps = routes.map((l) => l.rps);
  return {
    route: pick(routes),
    anchors: byAnchor.map(pick),
    spread: { low: Math.min(...rps), high: Math.max(...rps), rounds: ROUNDS },
  };
}

interface Served {
  readonly url: string;
  readonly bareUrl: string;
  readonly readyMs: number;
  readonly statusBytes: number;
  /** Median ms of GET /v1/status at a past day (each once), and of a replay of that day. */
  readonly past: { readonly journalMs: number; readonly replayMs: number; readonly days: number };
  readonly child: ChildProcess;
}

/** Starts `served.ts` (the server and the bare app) in its own process. */
async function serveInChild(file: string, keys: string, secret: string): Promise<Served> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.join(__dirname, 'served.ts'), file, keys, secret],
    { stdio: ['ignore', 'pipe', 'inherit'], env: process.env },
  );
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`served.ts exited with ${String(code)}`);
  });
  const line = once(readline.createInterface({ input: child.stdout }), 'line').then(
    ([l]) => JSON.parse(String(l)) as Omit<Served, 'child'>,
  );
  const ready = await Promise.race([line, exited]);
  return { ...ready, child };
}

async function served(label: string, file: string, riskId: string): Promise<BenchRow[]> {
  const dir = path.dirname(file);
  const keys = path.join(dir, 'keys.json');
  const k = await addKey(
    keys,
    { actor: 'officer-bench', role: 'officer', scope: 'write' },
    new Date(),
  );
  if (E.isLeft(k)) throw new Error(k.left.message);
  const server = await serveInChild(file, keys, k.right.secret);
  const { url, bareUrl } = server;
  const auth = { authorization: `Bearer ${k.right.secret}` };
  try {
    const get = await paired({ url: `${url}/v1/status`, headers: auth }, [
      { url: `${bareUrl}/bare` },
      { url: `${bareUrl}/bare-doc` },
    ]);
    let n = 0;
    const post = await paired(
      {
        url: `${url}/v1/commands`,
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => {
              n++;
              const body = {
                type: 'RescoreRisk',
                data: {
                  riskId,
                  likelihood: 1 + (n % 5),
                  impact: 1 + ((n + 1) % 5),
                  rationale: 'bench',
                },
                meta: { commandId: `bench-${n}-${randomUUID()}` },
              };
              return { ...req, body: JSON.stringify(body) };
            },
          },
        ],
      },
      [
        {
          url: `${bareUrl}/bare`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"a":1}',
        },
      ],
    );
    const [bareGet, bareDoc] = get.anchors;
    const [barePost] = post.anchors;
    if (bareGet === undefined || bareDoc === undefined || barePost === undefined)
      throw new Error('an anchor was not measured');
    const line = (what: string, l: Load, a: Load, anchor = 'bare') =>
      `${label}: ${what} ${l.rps.toFixed(0)} req/s, p99 ${l.p99} ms (${anchor} ${a.rps.toFixed(0)} req/s, p99 ${a.p99} ms); non-2xx/errors ${l.errors}`;
    const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(0)}%`;
    console.log(
      `${label}: server ready (catch-up of the followed model) in ${server.readyMs.toFixed(0)} ms; status document ${server.statusBytes} bytes`,
    );
    console.log(
      `${label}: GET /v1/status?asAt=<a past day> ${server.past.journalMs.toFixed(1)} ms (median of ${server.past.days} days, each once), a replay of the day from the log ${server.past.replayMs.toFixed(1)} ms`,
    );
    console.log(line('GET /v1/status', get.route, bareGet));
    console.log(line('GET /v1/status', get.route, bareDoc, 'bare route sending the same bytes'));
    console.log(line('POST /v1/commands', post.route, barePost));
    console.log(
      `${label}: status reads at ${pct(get.route.rps, bareGet.rps)} of the bare route (goal >= 50%), ${pct(get.route.rps, bareDoc.rps)} of a bare route sending the same ${server.statusBytes} bytes`,
    );
    return [
      {
        name: `${label}: GET /v1/status`,
        value: get.route.rps,
        unit: 'req/s',
        anchor: { name: 'bare Fastify GET returning a constant', value: bareGet.rps },
        spread: get.spread,
        note: 'goal >= 50%',
      },
      {
        name: `${label}: GET /v1/status`,
        value: get.route.rps,
        unit: 'req/s',
        anchor: {
          name: `bare Fastify GET returning the status document's ${server.statusBytes} bytes as a constant`,
          value: bareDoc.rps,
        },
        spread: get.spread,
      },
      {
        name: `${label}: GET /v1/status?asAt=<a past day>, each day once (followed model's event journal, in process; median of ${server.past.days} days)`,
        value: server.past.journalMs,
        unit: 'ms',
        anchor: {
          name: 'the same day replayed from the log (readModels, no snapshot)',
          value: server.past.replayMs,
        },
      },
      {
        name: `${label}: GET /v1/status p99`,
        value: get.route.p99,
        unit: 'ms',
        anchor: { name: 'bare GET p99', value: bareGet.p99 },
      },
      {
        name: `${label}: POST /v1/commands (RescoreRisk, one append each)`,
        value: post.route.rps,
        unit: 'req/s',
        anchor: { name: 'bare Fastify POST returning a constant', value: barePost.rps },
        spread: post.spread,
      },
      {
        name: `${label}: POST /v1/commands p99`,
        value: post.route.p99,
        unit: 'ms',
        anchor: { name: 'bare POST p99', value: barePost.p99 },
      },
    ];
  } finally {
    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    await exited;
  }
}

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  for (const [label, make] of [
    ['Birmingham store', birmingham],
    [`${EVENTS} events`, generated],
  ] as const) {
    const dir = mkdtempSync(path.join(tmpdir(), 'assure-server-bench-'));
    try {
      const file = path.join(dir, 'events.ndjson');
      const riskId = await make(file);
      rows.push(...(await served(label, file, riskId)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  reportRows(rows);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
