import * as E from 'fp-ts/Either';
import type { EventStore } from '@assure/event-store';
import { addKey, createServer } from '@assure/server';

/** Adds a read key, serves a store on 127.0.0.1, reads the status with and without it. */
export async function serveAndRead(store: EventStore, keysFile: string) {
  // `assure keys add` does this: the file keeps a scrypt hash; the secret is shown once.
  const key = await addKey(
    keysFile,
    { actor: 'board-chair', role: 'board', scope: 'read' },
    new Date(),
  );
  if (E.isLeft(key)) throw new Error(key.left.message);

  const server = await createServer({ store, keysFile, logger: false });
  if (E.isLeft(server)) throw new Error(server.left.message);
  const url = await server.right.app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const anonymous = await fetch(`${url}/v1/status`); // 401, application/problem+json
    const status = await fetch(`${url}/v1/status?asAt=2015-03-15`, {
      headers: { authorization: `Bearer ${key.right.secret}` },
    });
    const etag = status.headers.get('etag') ?? ''; // the log position and the point of view
    const again = await fetch(`${url}/v1/status?asAt=2015-03-15`, {
      headers: { authorization: `Bearer ${key.right.secret}`, 'if-none-match': etag },
    });
    return { anonymous: anonymous.status, status: await status.json(), again: again.status };
  } finally {
    await server.right.close(); // finishes commands in flight, ends the feeds
  }
}
