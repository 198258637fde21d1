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
import { createServer } from '@assure/server';
import { openFileStore } from '@assure/store-file';

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

  process.once('SIGTERM', () => {
    void (async () => {
      await server.close();
      await bare.close();
      await store.close();
      process.exit(0);
    })();
  });
  process.stdout.write(`${JSON.stringify({ url, bareUrl, readyMs, statusBytes: doc.length })}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
