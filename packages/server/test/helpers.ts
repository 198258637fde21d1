import { once } from 'node:events';
import { readdirSync, readFileSync, promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { Ajv2020 } from 'ajv/dist/2020';
import * as E from 'fp-ts/Either';
import { domainModel } from '@assure/domain';
import { createCommandHandler, type EventStore } from '@assure/event-store';
import { createServer, addKey, type AssureServer, type ServerOptions } from '@assure/server';
import { openFileStore } from '@assure/store-file';

const ROOT = path.resolve(__dirname, '../../..');
/** The Birmingham example's commands, one JSON object a line. */
export const BIRMINGHAM = path.join(ROOT, 'examples/birmingham/commands.ndjson');

/** A fresh temporary folder. */
export async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'assure-server-'));
}

/** The first `n` commands of the Birmingham example (the risk equal-pay is line 19). */
export function birminghamLines(n: number): Record<string, unknown>[] {
  return readFileSync(BIRMINGHAM, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, n)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Applies commands (with their own meta) to a store through the domain's handler. */
export async function seed(
  store: EventStore,
  lines: readonly Record<string, unknown>[],
): Promise<void> {
  const handler = createCommandHandler({
    store,
    model: domainModel,
    backfillBy: { actor: 'test-loader', role: 'system' },
  });
  for (const line of lines) {
    const r = await handler.handleUnknown(
      { type: line['type'], data: line['data'] },
      line['meta'] as never,
    )();
    if (E.isLeft(r)) throw new Error(`seed failed: ${JSON.stringify(r.left)}`);
  }
}

/** A file store at `file`, opened as the writer. */
export async function openStore(file: string): Promise<EventStore> {
  const r = await openFileStore(file, { logger: { warn: () => undefined } })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}

/** A running server on 127.0.0.1 and an ephemeral port, with the log lines it wrote. */
export interface Running {
  readonly server: AssureServer;
  readonly store: EventStore;
  readonly url: string;
  readonly logs: string[];
  stop(): Promise<void>;
}

/** Starts a server over the file store at `file` (seeded or not), logging into `logs`. */
export async function start(
  file: string,
  keysFile: string,
  options: Partial<ServerOptions> = {},
): Promise<Running> {
  const store = await openStore(file);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const built = await createServer({
    store,
    keysFile,
    logger: { level: 'info', stream: sink },
    ...options,
  });
  if (E.isLeft(built)) throw new Error(built.left.message);
  const server = built.right;
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    server,
    store,
    url,
    logs,
    stop: async () => {
      await server.close();
      await store.close();
    },
  };
}

/** Adds a key and returns its secret. */
export async function key(
  file: string,
  actor: string,
  role: string,
  scope: 'read' | 'write',
): Promise<{ id: string; secret: string }> {
  const r = await addKey(file, { actor, role, scope }, new Date());
  if (E.isLeft(r)) throw new Error(r.left.message);
  return { id: r.right.key.id, secret: r.right.secret };
}

/** An HTTP response: status, headers, body text and the body parsed when JSON. */
export interface Res {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  readonly json: unknown;
}

/** One request over a real socket. */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = undefined;
          try {
            json = text === '' ? undefined : (JSON.parse(text) as unknown);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** A bearer header. */
export const bearer = (secret: string): Record<string, string> => ({
  authorization: `Bearer ${secret}`,
});

/** POSTs JSON to /v1/commands with a key. */
export function post(url: string, secret: string | null, body: unknown): Promise<Res> {
  return postText(url, secret, JSON.stringify(body));
}

/** POSTs a body as it is (malformed JSON, another media type) to /v1/commands with a key. */
export function postText(
  url: string,
  secret: string | null,
  body: string,
  contentType = 'application/json',
): Promise<Res> {
  return request(`${url}/v1/commands`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(secret === null ? {} : bearer(secret)) },
    body,
  });
}

/** A RescoreRisk of the Birmingham risk equal-pay. */
export const rescore = (commandId: string, likelihood = 3): Record<string, unknown> => ({
  type: 'RescoreRisk',
  data: { riskId: 'equal-pay', likelihood, impact: 5, rationale: `rescored by ${commandId}` },
  meta: { commandId, occurredAt: '2019-03-12' },
});

/**
 * Connects to the feed (resuming after `lastEventId` when given) and resolves with the text
 * it sent once that text includes `until`, then disconnects.
 */
export function feedUntil(
  url: string,
  secret: string,
  lastEventId: string | null,
  until: string,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const req = http.get(
      `${url}/v1/feed`,
      {
        headers: {
          ...bearer(secret),
          ...(lastEventId === null ? {} : { 'last-event-id': lastEventId }),
        },
      },
      (res) => {
        let got = '';
        res.on('data', (c: Buffer) => {
          got += c.toString();
          if (got.includes(until)) {
            req.destroy();
            resolve(got);
          }
        });
      },
    );
    req.on('error', reject);
  });
}

/** One SSE frame. */
export interface Frame {
  readonly id: string | null;
  readonly event: string | null;
  readonly data: string;
}

/**
 * Connects to the feed and collects `change` frames until `enough` says so (or the server
 * ends the stream), then disconnects. Bounded: at most `max` frames.
 */
export async function readFeed(
  url: string,
  secret: string,
  lastEventId: string | null,
  enough: (frames: readonly Frame[]) => boolean,
  max = 100_000,
): Promise<Frame[]> {
  const frames: Frame[] = [];
  const req = http.get(`${url}/v1/feed`, {
    headers: {
      ...bearer(secret),
      ...(lastEventId === null ? {} : { 'last-event-id': lastEventId }),
    },
  });
  const [res] = (await once(req, 'response')) as [http.IncomingMessage];
  if (res.statusCode !== 200) throw new Error(`feed answered ${res.statusCode ?? 0}`);
  let buffer = '';
  try {
    for await (const chunk of res) {
      buffer += (chunk as Buffer).toString('utf8');
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let id: string | null = null;
        let event: string | null = null;
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('id: ')) id = line.slice(4);
          else if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        if (event !== null) frames.push({ id, event, data: data.join('\n') });
        if (enough(frames) || frames.length >= max) return frames;
      }
    }
  } finally {
    req.destroy();
  }
  return frames;
}

/** The CLI's JSON Schemas (docs/schemas): the server's documents are the same documents. */
const CLI_SCHEMAS = path.join(ROOT, 'docs/schemas');
const cliAjv = new Ajv2020({ allErrors: true, strict: true });
for (const f of readdirSync(CLI_SCHEMAS))
  if (f.endsWith('.schema.json'))
    cliAjv.addSchema(JSON.parse(readFileSync(path.join(CLI_SCHEMAS, f), 'utf8')) as object);

/** Throws unless `doc` is valid against `docs/schemas/<name>.schema.json`. */
export function expectCliValid(name: string, doc: unknown): Promise<void> {
  const v = cliAjv.getSchema(`${name}.schema.json`);
  if (v === undefined) throw new Error(`no schema docs/schemas/${name}.schema.json`);
  if (!v(doc)) throw new Error(`${name}: ${JSON.stringify(v.errors?.slice(0, 3))}`);
  return Promise.resolve();
}
