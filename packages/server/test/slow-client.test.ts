import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import type { ProposedEvent } from '@assure/event-store';
import { key, openStore, start, tempDir } from './helpers';

const ev = (type: string, data: Record<string, unknown>): ProposedEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  meta: {
    actor: 'officer-x',
    role: 'officer',
    occurredAt: '2015-01-02T00:00:00.000Z',
    commandId: randomUUID(),
  },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a slow feed client', () => {
  it('is dropped (a close event, then the connection let go) once its socket stays full, rather than queued for', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'events.ndjson');
    const keys = path.join(dir, 'keys.json');
    const store = await openStore(file);
    await store.append(
      'programme-p',
      [ev('ProgrammeEstablished', { programmeId: 'p', title: 'P', body: 'B', phase: 'x' })],
      'no-stream',
    )();
    // Enough frames (~250 bytes each) to fill both sockets' buffers on loopback.
    for (let r = 0; r < 60; r++) {
      const riskId = `r${r}`;
      const events = [
        ev('RiskIdentified', {
          riskId,
          programmeId: 'p',
          title: riskId,
          category: 'c',
          owner: 'o',
          inherent: { likelihood: 4, impact: 4 },
          target: { likelihood: 2, impact: 2 },
          nextReviewOn: '2016-01-01',
        }),
      ];
      let prev = { likelihood: 4, impact: 4 };
      for (let k = 0; k < 1000; k++) {
        const cur = { likelihood: 1 + (k % 5), impact: prev.impact === 5 ? 1 : prev.impact + 1 };
        events.push(
          ev('RiskRescored', { riskId, ...cur, rationale: 'r', previous: prev, current: cur }),
        );
        prev = cur;
      }
      const w = await store.append(`risk-${riskId}`, events, 'no-stream')();
      if (E.isLeft(w)) throw new Error(w.left.message);
    }
    await store.close();
    const reader = (await key(keys, 'dash', 'board', 'read')).secret;
    const running = await start(file, keys, { slowClientMs: 300, heartbeatMs: 60_000 });
    const port = new URL(running.url).port;
    const socket = net.connect(Number(port), '127.0.0.1');
    try {
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        `GET /v1/feed HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${reader}\r\n\r\n`,
      );
      socket.pause(); // never reads
      let dropped = false;
      for (let i = 0; i < 100 && !dropped; i++) {
        await sleep(200);
        dropped = running.logs.join('').includes('"reason":"slow-client"');
      }
      expect(dropped).toBe(true);
      // The server lets go of the connection: it holds nothing for the client any more.
      const connections = () =>
        new Promise<number>((resolve) =>
          running.server.app.server.getConnections((_e, n) => resolve(n)),
        );
      let open = await connections();
      for (let i = 0; i < 50 && open > 0; i++) {
        await sleep(100);
        open = await connections();
      }
      expect(open).toBe(0);
    } finally {
      socket.destroy();
      await running.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
